/**
 * Unit-test helpers: an index built from inline files, and compact views of its findings.
 * Files are keyed by relative path; URIs are `file:///ws/<path>`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createIndex } from '../../server/src/core/api';
import { diagnosticsOf, type Diagnostic, type RuleSettings } from '../../server/src/core/features/diagnostics';
import type { IndexOptions, WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { positionAt } from '../../server/src/core/model/positions';
import { realCorpus } from '../corpus';

export interface Found {
  rule: string;
  severity: string;
  message: string;
  file: string;
  /** 1-based line, like the CLI. */
  line: number;
  /** The text the finding covers. */
  text: string;
  diagnostic: Diagnostic;
}

export const uriOf = (path: string): string => `file:///ws/${path}`;

/** A Deployment `name` whose Pods are labelled app=<name>, one container; `ports` in flow YAML, e.g. `[{ name: http, containerPort: 8080 }]`. */
export function deploymentYaml(name: string, ports?: string): string {
  const container = `{ name: ${name}, image: example/${name}:1${ports ? `, ports: ${ports}` : ''} }`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [${container}] }
`;
}

/** Real manifests: the committed sample, or the full corpus when PODPATH_CORPUS names it (test/corpus.ts). */
export const corpus = realCorpus().dir;

/** Every file below a folder whose name matches (YAML files by default), in directory order. */
export function filesBelow(dir: string, name = /\.ya?ml$/): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesBelow(p, name));
    else if (name.test(e)) out.push(p);
  }
  return out;
}

export function indexOf(files: Record<string, string>, opts: Partial<IndexOptions> = {}): WorkspaceIndex {
  const index = createIndex(opts, (e) => {
    throw e;
  });
  for (const [path, text] of Object.entries(files)) index.setFile(uriOf(path), path, text, 1);
  index.check();
  return index;
}

/** Every diagnostic of every file, optionally only one rule's. */
export function findingsOf(index: WorkspaceIndex, rule?: string, settings: RuleSettings = {}): Found[] {
  const out: Found[] = [];
  for (const file of index.allFiles()) {
    for (const d of diagnosticsOf(index, file, settings)) {
      if (rule && d.rule !== rule) continue;
      out.push({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        file: file.path,
        line: positionAt(file, d.span[0]).line + 1,
        text: file.text.slice(d.span[0], d.span[1]),
        diagnostic: d,
      });
    }
  }
  return out;
}

/** Shorthand: the findings of `rule` in a workspace of inline files. */
export function check(files: Record<string, string>, rule?: string, opts: Partial<IndexOptions> = {}): Found[] {
  return findingsOf(indexOf(files, opts), rule);
}

/** Apply one fix's edits to the inline files and return the new file texts. */
export function applyFix(files: Record<string, string>, d: Diagnostic, title: RegExp): Record<string, string> {
  const fix = d.fixes.find((f) => title.test(f.title));
  if (!fix) throw new Error(`no fix matching ${title}; fixes: ${d.fixes.map((f) => f.title).join(' | ')}`);
  const out = { ...files };
  const byFile = new Map<string, typeof fix.edits>();
  for (const e of fix.edits) byFile.set(e.file.path, [...(byFile.get(e.file.path) ?? []), e]);
  for (const [path, edits] of byFile) {
    let text = out[path] ?? '';
    for (const e of [...edits].sort((a, b) => b.span[0] - a.span[0])) text = text.slice(0, e.span[0]) + e.newText + text.slice(e.span[1]);
    out[path] = text;
  }
  return out;
}
