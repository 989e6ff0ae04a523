/** `textDocument/definition` → the places the symbol under the cursor leads to. */
import type { DefinitionParams, Location } from 'vscode-languageserver';
import { definitionAt } from '../core/features/definition';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { toLocation } from './convert';

export function definition(ws: Workspace, params: DefinitionParams): Location[] {
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  return definitionAt(ws.index, file, offsetAt(file, params.position)).map(toLocation);
}
