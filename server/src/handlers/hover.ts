/** `textDocument/hover` → core hover (Markdown) at the offset. */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../core/features/hover';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { toRange } from './convert';

export function hover(ws: Workspace, params: HoverParams): Hover | null {
  const file = ws.file(params.textDocument.uri);
  if (!file) return null;
  const h = hoverAt(ws.index, file, offsetAt(file, params.position));
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(file, h.span) } : null;
}
