/**
 * `podpath check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it — one run,
 * every rule with its help URI, results located by repository-relative URI and 1-based
 * region, and a fingerprint per result that survives unrelated edits.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/features/diagnostics';
import type { Severity } from '../core/model/finding';
import { rangeOf } from '../core/model/positions';
import type { SourceFile } from '../core/model/resource';
import { pathAt, type Span } from '../core/model/ytree';
import { allRuleMetas, repositoryUrl, ruleDocsUrl } from '../core/rules';
import { collect, type Write, writeJsonWithArray } from './stream';

/** SARIF has three result levels; info and hint are both notes. */
export const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** The base that result URIs are relative to; `%SRCROOT%` is what GitHub's documentation uses. */
export const srcRoot = '%SRCROOT%';

/** A path relative to the current folder as a relative URI reference (each segment percent-encoded). */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function location(file: SourceFile, span: Span): object {
  const r = rangeOf(file, span);
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(file.path), uriBaseId: srcRoot },
      region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 },
    },
  };
}

/** `kebab-case` → `KebabCase`, SARIF's readable rule name. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * What identifies a finding regardless of where it sits in the file: the rule, the file, the
 * object (kind/namespace/name), the key path of the reported value and the value itself.
 * File problems (no object) use their message. No line or column goes in, so adding a
 * document above does not make GitHub see a new alert.
 */
export function identityOf(d: Diagnostic): string {
  if (!d.resource) return [d.rule, d.file.path, d.message].join('\0');
  const r = d.resource;
  const path = r.root ? pathAt(r.root, d.span[0]) : '';
  const value = d.file.text.slice(d.span[0], Math.min(d.span[1], d.span[0] + 200));
  return [d.rule, d.file.path, `${r.kind}/${r.namespace ?? ''}/${r.name}`, path, value].join('\0');
}

/** The fingerprints of `ds` in order; equal identities are told apart by their rank. */
export function fingerprints(ds: readonly Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  return ds.map((d) => {
    const id = identityOf(d);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return createHash('sha256')
      .update(n ? `${id}\0${n}` : id)
      .digest('hex')
      .slice(0, 32);
  });
}

/**
 * SARIF 2.1.0 for `ds`. `cwd` is the folder the paths are relative to (a file: URI base for
 * `%SRCROOT%`); GitHub maps the relative URIs onto the repository, so run from its root.
 */
export function formatSarif(ds: readonly Diagnostic[], version: string, cwdUri?: string): string {
  return collect((w) => writeSarif(ds, version, cwdUri, w));
}

/** `formatSarif`, written one result at a time. */
export function writeSarif(ds: readonly Diagnostic[], version: string, cwdUri: string | undefined, write: Write): void {
  const ruleIndex = new Map(allRuleMetas.map((m, i) => [m.id, i]));
  const prints = fingerprints(ds);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'podpath',
            version,
            semanticVersion: version,
            informationUri: repositoryUrl,
            rules: allRuleMetas.map((m) => ({
              id: m.id,
              name: ruleName(m.id),
              shortDescription: { text: m.description },
              fullDescription: { text: m.description },
              helpUri: ruleDocsUrl(m.id),
              help: { text: `${m.description} See ${ruleDocsUrl(m.id)}`, markdown: `${m.description} [Rule page](${ruleDocsUrl(m.id)})` },
              defaultConfiguration: { level: sarifLevel[m.severity] },
              properties: { tags: ['kubernetes', 'networking'] },
            })),
          },
        },
        ...(cwdUri ? { originalUriBaseIds: { [srcRoot]: { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: marker,
      },
    ],
  };
  const results = (function* () {
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i]!;
      const index = ruleIndex.get(d.rule);
      yield {
        ruleId: d.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: sarifLevel[d.severity],
        message: { text: d.message },
        locations: [location(d.file, d.span)],
        ...(d.related.length
          ? { relatedLocations: d.related.map((r, j) => ({ id: j + 1, message: { text: r.message }, ...location(r.file, r.span) })) }
          : {}),
        partialFingerprints: { 'podpath/v1': prints[i]! },
      };
    }
  })();
  writeJsonWithArray(sarif, marker, results, write);
}

const marker = '\u0000results';
