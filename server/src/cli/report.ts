/** The findings of a loaded workspace as the CLI's text and json reports (SARIF: ./sarif.ts). */
import type { Diagnostic, RuleSettings } from '../core/features/diagnostics';
import { diagnosticsOf } from '../core/features/diagnostics';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { rangeOf } from '../core/model/positions';
import { isRenderedUri } from '../core/sources/helm/unit';
import { printable, safeLines } from './printable';
import { buffered, collect, type Write, writeJsonWithArray } from './stream';

export function allDiagnostics(index: WorkspaceIndex, settings: RuleSettings): Diagnostic[] {
  // A rendered Helm template's findings are reported at its template and values lines.
  const files = [...index.allFiles()].filter((f) => !isRenderedUri(f.uri)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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

/** `FILE:LINE:COL  SEVERITY  MESSAGE  [RULE]` lines and the summary line, written line by line. */
export function writeText(ds: Diagnostic[], files: number, resources: number, colour: boolean, write: Write): void {
  const out = buffered(write);
  for (const d of ds) {
    const { start } = rangeOf(d.file, d.span);
    const sev = colour ? `${colours[d.severity]}${d.severity}\x1b[0m` : d.severity;
    // A line never starts with `::` (a workflow command in a GitHub Actions log), whatever the file is called.
    out.write(
      `${safeLines(printable(d.file.path))}:${start.line + 1}:${start.character + 1}  ${sev}  ${printable(d.message)}  [${d.rule}]\n`,
    );
  }
  const c = countOf(ds);
  // The summary reads as English ("1 warning", "2 warnings"); scripts should use --format json.
  out.write(
    `${count(c.errors, 'error')}, ${count(c.warnings, 'warning')}, ${count(c.infos, 'info')} in ${count(files, 'file')} (${count(resources, 'resource')})\n`,
  );
  out.flush();
}

export function formatText(ds: Diagnostic[], files: number, resources: number, colour: boolean): string {
  return collect((w) => writeText(ds, files, resources, colour, w));
}

/** The stable JSON report, version 1, written one diagnostic at a time. */
export function writeJson(ds: Diagnostic[], files: number, resources: number, write: Write): void {
  const items = (function* () {
    for (const d of ds) {
      yield {
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        file: d.file.path,
        range: rangeOf(d.file, d.span),
        ...(d.resource ? { resource: { kind: d.resource.kind, namespace: d.resource.namespace ?? null, name: d.resource.name } } : {}),
        related: d.related.map((r) => ({ file: r.file.path, range: rangeOf(r.file, r.span), message: r.message })),
        // The apply units it holds in, when its file is in several (the message names them too).
        ...(d.units ? { units: d.units } : {}),
      };
    }
  })();
  writeJsonWithArray({ version: 1, files, resources, diagnostics: marker }, marker, items, write);
}

const marker = '\u0000diagnostics';

export function formatJson(ds: Diagnostic[], files: number, resources: number): string {
  return collect((w) => writeJson(ds, files, resources, w));
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
