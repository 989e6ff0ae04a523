/** `textDocument/codeLens` → traffic-path lenses on Services, "exposed by" on workloads. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { codeLensesOf } from '../core/features/codeLens';
import type { Workspace } from '../workspace/workspace';
import { toRange } from './convert';

export function codeLens(ws: Workspace, params: CodeLensParams): CodeLens[] {
  if (!ws.settingsFor(params.textDocument.uri).codeLens.enable) return [];
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  return codeLensesOf(ws.index, file).map((l) => ({
    range: toRange(file, l.span),
    command: l.command ? { title: l.title, command: l.command.id, arguments: l.command.args } : { title: l.title, command: '' },
  }));
}
