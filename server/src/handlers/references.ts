/** `textDocument/references` → every place that refers to the symbol, across the workspace. */
import type { Location, ReferenceParams } from 'vscode-languageserver';
import { referencesAt } from '../core/features/references';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { toLocation } from './convert';

export function references(ws: Workspace, params: ReferenceParams): Location[] {
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  return referencesAt(ws.index, file, offsetAt(file, params.position), params.context.includeDeclaration).map(toLocation);
}
