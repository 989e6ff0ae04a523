/** `textDocument/documentHighlight` → the symbol's references in this file. */
import { DocumentHighlightKind, type DocumentHighlight, type DocumentHighlightParams } from 'vscode-languageserver';
import { highlightsAt } from '../core/features/highlights';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { toRange } from './convert';

export function highlights(ws: Workspace, params: DocumentHighlightParams): DocumentHighlight[] {
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  return highlightsAt(ws.index, file, offsetAt(file, params.position)).map((h) => ({
    range: toRange(file, h.span),
    kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
