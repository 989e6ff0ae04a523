/** The findings of a loaded workspace in the CLI's three formats: text, json and sarif. */
import { createHash } from 'node:crypto';
import type { Diagnostic, RuleSettings } from '../core/features/diagnostics';
import { diagnosticsOf } from '../core/features/diagnostics';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { RuleMeta } from '../core/model/finding';
import { rangeOf } from '../core/model/positions';
import { allRuleMetas } from '../core/rules';
import { printable } from './printable';

export const docsBase = 'https://github.com/podpath/podpath/blob/main/docs/rules/';

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
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

const sarifLevel = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** SARIF 2.1.0, one run, every rule listed with its help URI — fit for GitHub code scanning. */
export function formatSarif(ds: Diagnostic[], version: string): string {
  const metas: readonly RuleMeta[] = allRuleMetas;
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  const region = (d: { file: Diagnostic['file']; span: Diagnostic['span'] }): object => {
    const r = rangeOf(d.file, d.span);
    return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
  };
  const location = (file: Diagnostic['file'], span: Diagnostic['span']): object => ({
    physicalLocation: { artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' }, region: region({ file, span }) },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'podpath',
            version,
            informationUri: 'https://github.com/podpath/podpath',
            rules: metas.map((m) => ({
              id: m.id,
              name: m.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: m.description },
              fullDescription: { text: m.description },
              helpUri: `${docsBase}${m.id}.md`,
              help: { text: `${m.description} See ${docsBase}${m.id}.md`, markdown: `${m.description} [Rule page](${docsBase}${m.id}.md)` },
              defaultConfiguration: { level: sarifLevel[m.severity] },
              properties: { tags: ['kubernetes', 'networking'] },
            })),
          },
        },
        results: ds.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIndex.get(d.rule) ?? -1,
          level: sarifLevel[d.severity],
          message: { text: d.message },
          locations: [location(d.file, d.span)],
          ...(d.related.length ? { relatedLocations: d.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, ...location(r.file, r.span) })) } : {}),
          partialFingerprints: { 'podpath/v1': fingerprint(d) },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Stable across line moves: rule, file, resource and message, not the position. */
function fingerprint(d: Diagnostic): string {
  const r = d.resource ? `${d.resource.kind}/${d.resource.namespace ?? ''}/${d.resource.name}` : '';
  return createHash('sha256').update(`${d.rule}\0${d.file.path}\0${r}\0${d.message}`).digest('hex').slice(0, 32);
}
