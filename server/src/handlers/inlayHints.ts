/** `textDocument/inlayHint` → where targetPorts land, how many workloads a selector matches. */
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { inlayHintsOf } from '../core/features/inlayHints';
import { offsetAt, positionAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';

export function inlayHints(ws: Workspace, params: InlayHintParams): InlayHint[] {
  if (!ws.settingsFor(params.textDocument.uri).inlayHints.enable) return [];
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  const span: [number, number] = [offsetAt(file, params.range.start), offsetAt(file, params.range.end)];
  return inlayHintsOf(ws.index, file, span).map((h) => ({
    position: positionAt(file, h.offset),
    label: h.label,
    tooltip: h.tooltip,
    paddingLeft: true,
  }));
}
