/**
 * Core terms → LSP terms: spans to ranges, places to locations, findings to diagnostics,
 * edit specs to workspace edits. The one place that maps the core's data onto the protocol.
 */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic } from '../core/features/diagnostics';
import type { Severity, TextEditSpec } from '../core/model/finding';
import { rangeOf } from '../core/model/positions';
import { realPlace, type SourceFile } from '../core/model/resource';
import { ruleDocsUrl } from '../core/rules';
import type { Span } from '../core/model/ytree';

export function toRange(file: SourceFile, span: Span): Range {
  return rangeOf(file, span);
}

/** A place in a file a kustomize build made (core/units/built.ts) is shown in the file its text came from. */
export function toLocation(place: { file: SourceFile; span: Span }): Location {
  const at = realPlace(place.file, place.span);
  return { uri: at.file.uri, range: rangeOf(at.file, at.span) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: rangeOf(d.file, d.span),
    severity: severities[d.severity],
    source: 'podpath',
    code: d.rule,
    codeDescription: { href: ruleDocsUrl(d.rule) },
    message: d.message,
  };
  if (d.related.length) out.relatedInformation = d.related.map((r) => ({ location: toLocation(r), message: r.message }));
  const tags = (d.tags ?? []).map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length) out.tags = tags;
  return out;
}

/** Edits grouped per document, applied by the client as one change. */
export function toWorkspaceEdit(edits: readonly TextEditSpec[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const at = realPlace(e.file, e.span);
    (changes[at.file.uri] ??= []).push({ range: rangeOf(at.file, at.span), newText: e.newText });
  }
  return { changes };
}

/** Whether two LSP ranges are equal. */
export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
