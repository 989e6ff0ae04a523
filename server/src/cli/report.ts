/** The findings of a loaded workspace as the CLI's text and json reports (SARIF: ./sarif.ts). */
import type { Diagnostic, RuleSettings } from '../core/features/diagnostics';
import { diagnosticsOf } from '../core/features/diagnostics';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { rangeOf } from '../core/model/positions';
import { printable } from './printable';

export function allDiagnostics(index: WorkspaceIndex, settings: RuleSettings): Diagnostic[] {
  const files = [...index.allFiles()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return files.flatMap((f) => diagnosticsOf(index, f, settings));
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countOf(ds: Diagnostic[]): Counts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const d of ds) {
    if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

const colours = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' } as const;

/** `FILE:LINE:COL  SEVERITY  MESSAGE  [RULE]` lines and the summary line. */
export function formatText(ds: Diagnostic[], files: number, resources: number, colour: boolean): string {
  const lines = ds.map((d) => {
    const { start } = rangeOf(d.file, d.span);
    const sev = colour ? `${colours[d.severity]}${d.severity}\x1b[0m` : d.severity;
    return `${printable(d.file.path)}:${start.line + 1}:${start.character + 1}  ${sev}  ${printable(d.message)}  [${d.rule}]`;
  });
  const c = countOf(ds);
  // The summary's words are a contract (cli-and-protocol.md): scripts match "N errors", also for 1.
  lines.push(`${c.errors} errors, ${c.warnings} warnings, ${c.infos} infos in ${files} files (${resources} resources)`);
  return lines.join('\n') + '\n';
}

/** The stable JSON report, version 1. */
export function formatJson(ds: Diagnostic[], files: number, resources: number): string {
  const out = {
    version: 1,
    files,
    resources,
    diagnostics: ds.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: d.file.path,
      range: rangeOf(d.file, d.span),
      ...(d.resource ? { resource: { kind: d.resource.kind, namespace: d.resource.namespace ?? null, name: d.resource.name } } : {}),
      related: d.related.map((r) => ({ file: r.file.path, range: rangeOf(r.file, r.span), message: r.message })),
      // The apply units it holds in, when its file is in several (the message names them too).
      ...(d.units ? { units: d.units } : {}),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
