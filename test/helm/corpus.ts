/**
 * Renders a corpus case (chart + values + case.json, as in ../shared/corpus/helm/README.md) and
 * compares it with the committed `helm template` output: the same objects (apiVersion, kind,
 * namespace, name) and each document equal after the case's normalisation (whitespace trimmed
 * per document); for cases whose golden is helm's stdout, the whole text too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { renderChart, type RenderResult } from '../../server/src/core/sources/helm/render';
import type { ChartFiles } from '../../server/src/core/sources/helm/chart';

export function dirFiles(root: string): ChartFiles {
  const list: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else list.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(root);
  return {
    list: () => list,
    read: (p) => (list.includes(p) ? readFileSync(join(root, p), 'utf8') : undefined),
    readBytes: (p) => (list.includes(p) ? new Uint8Array(readFileSync(join(root, p))) : undefined),
  };
}

interface Doc {
  source: string;
  text: string;
  key: string;
}

function keyOf(text: string): string {
  const v = parseDocument(text, { version: '1.1', uniqueKeys: false }).toJS() as Record<string, any> | null;
  const m = (v && v['metadata']) || {};
  return `${v?.['apiVersion'] ?? ''}|${v?.['kind'] ?? ''}|${m['namespace'] ?? ''}|${m['name'] ?? ''}`;
}

export function goldenDocs(text: string): Doc[] {
  const parts = text.split(/^---\n# Source: (.*)\n/m);
  const out: Doc[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const body = parts[i + 1]!.trim();
    if (!body) continue;
    out.push({ source: parts[i]!, text: body, key: keyOf(body) });
  }
  return out;
}

export interface CaseScore {
  name: string;
  sameObjects: boolean;
  docs: number;
  equalDocs: number;
  byteEqual: boolean | null;
  ms: number;
  missing: string[];
  extra: string[];
  differing: { key: string; expected: string; actual: string }[];
  findings: string[];
}

export function runCase(dir: string): CaseScore {
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const valuesFiles = (c.valuesFiles as string[]).map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  const set = Object.entries(c.set ?? {}).map(([k, v]) => `${k}=${v}`);
  const t0 = performance.now();
  const r: RenderResult = renderChart(dirFiles(join(dir, 'chart')), {
    releaseName: c.release,
    namespace: c.namespace,
    kubeVersion: c.kubeVersion ?? undefined,
    apiVersions: c.apiVersions,
    valuesFiles,
    set,
  });
  const ms = performance.now() - t0;
  const expectedText = readFileSync(join(dir, c.expected ?? 'expected.yaml'), 'utf8');
  const expected = goldenDocs(expectedText);
  const actual: Doc[] = [...r.documents, ...r.hooks].map((d) => ({ source: d.template, text: d.text.trim(), key: keyOf(d.text) }));
  const count = (ds: Doc[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const d of ds) m.set(d.key, (m.get(d.key) ?? 0) + 1);
    return m;
  };
  const ce = count(expected);
  const ca = count(actual);
  const missing = [...ce].filter(([k, n]) => (ca.get(k) ?? 0) < n).map(([k]) => k);
  const extra = [...ca].filter(([k, n]) => (ce.get(k) ?? 0) < n).map(([k]) => k);
  const pool = [...actual];
  let equalDocs = 0;
  const differing: CaseScore['differing'] = [];
  for (const e of expected) {
    const i = pool.findIndex((a) => a.key === e.key && a.text === e.text);
    if (i >= 0) {
      equalDocs++;
      pool.splice(i, 1);
    } else {
      const a = pool.find((x) => x.key === e.key);
      differing.push({ key: e.key, expected: e.text, actual: a?.text ?? '(missing)' });
    }
  }
  let byteEqual: boolean | null = null;
  if (/byte-for-byte/.test(String(c.postprocess))) byteEqual = r.manifest === expectedText;
  else if (/output-dir/.test(String(c.postprocess))) byteEqual = outputDirText(r) === expectedText;
  return {
    name: dir.split('/').pop()!,
    sameObjects: missing.length === 0 && extra.length === 0,
    docs: expected.length,
    equalDocs,
    byteEqual,
    ms,
    missing,
    extra,
    differing,
    findings: r.findings.map((f) => f.message),
  };
}

/**
 * `helm template --output-dir`: each document appended to its template's file in helm's order,
 * then the corpus's per-file trim (perl: no white space before "\n---\n", one final newline),
 * files concatenated in path order.
 */
export function outputDirText(r: RenderResult): string {
  const files = new Map<string, string>();
  for (const d of [...r.documents, ...r.hooks])
    files.set(d.template, (files.get(d.template) ?? '') + `---\n# Source: ${d.template}\n${d.text}\n`);
  return [...files.keys()]
    .sort()
    .map((k) =>
      files
        .get(k)!
        .replace(/[ \t\n]+(?=\n---\n)/g, '')
        .replace(/[ \t\n]+$/, '\n'),
    )
    .join('');
}
