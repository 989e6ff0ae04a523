/**
 * `textDocument/codeAction` → the quick fixes of the podpath diagnostics in the request
 * (matched by rule and range against freshly computed diagnostics), plus "Ignore … here"
 * and "Ignore … in this file".
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { codeActionsFor } from '../core/features/codeActions';
import { diagnosticsOf } from '../core/features/diagnostics';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { sameRange, toDiagnostic, toRange, toWorkspaceEdit } from './convert';

export function codeActions(ws: Workspace, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === '')) return [];
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  const all = diagnosticsOf(ws.index, file, ws.ruleSettingsFor(file.uri));
  const asked = params.context.diagnostics.filter((d) => d.source === 'podpath');
  const clientOf = new Map<(typeof all)[number], LspDiagnostic>();
  for (const d of all) {
    const range = toRange(file, d.span);
    const c = asked.find((a) => a.code === d.rule && sameRange(a.range, range));
    if (c) clientOf.set(d, c);
  }
  let chosen = all.filter((d) => clientOf.has(d));
  if (!chosen.length && !asked.length) {
    // No diagnostics in the request (e.g. a client that sends none): those under the range.
    const [from, to] = [offsetAt(file, params.range.start), offsetAt(file, params.range.end)];
    chosen = all.filter((d) => d.span[0] <= to && d.span[1] >= from);
  }
  return codeActionsFor(file, chosen).map((a) => ({
    title: a.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: a.preferred || undefined,
    diagnostics: [clientOf.get(a.diagnostic) ?? toDiagnostic(a.diagnostic)],
    edit: toWorkspaceEdit(a.edits),
  }));
}
