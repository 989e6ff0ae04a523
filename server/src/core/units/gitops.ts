/**
 * GitOps objects that say what a cluster applies: Argo CD `Application` (`spec.source.path`,
 * `spec.sources[].path`), the literal paths of an `ApplicationSet` git generator, and Flux
 * `Kustomization` (`spec.path`, `spec.targetNamespace`). Only their paths are read.
 */
import { parseDocument } from 'yaml';
import type { YNode } from '../model/ytree';
import { excessiveAliasing } from '../parse/aliases';
import { blockTree } from '../parse/blockTree';
import { splitDocuments } from '../parse/documents';
import type { GitOpsTarget } from './discover';

/**
 * Whether a file's text may hold a GitOps object (a cheap test before reading it): a
 * top-level `kind:` of one and its API group. The group alone is not enough: Argo CD's
 * install files name it in thousands of lines of CRDs, which must not be read with `yaml`.
 */
export function mayHoldGitOps(text: string): boolean {
  // The `kind:` lines first: a few per file, where the group is searched in every byte (27 MB of a real repository: 15 ms).
  let kind = false;
  // Each line that starts with `kind:` (a multiline regular expression would try every offset of
  // a 2 MB install file), matched where it is (a slice per line was most of an edit's garbage).
  for (let at = text.startsWith('kind:') ? 0 : text.indexOf('\nkind:'); at >= 0 && !kind; at = text.indexOf('\nkind:', at + 1)) {
    gitOpsKind.lastIndex = at === 0 && text.startsWith('kind:') ? 0 : at + 1;
    kind = gitOpsKind.test(text);
  }
  return kind && (text.includes('argoproj.io') || text.includes('kustomize.toolkit.fluxcd.io'));
}

/** A `kind:` line of a GitOps kind, at `lastIndex` (sticky) up to the end of its line. */
const gitOpsKind = /kind:[ \t]*["']?(Application|ApplicationSet|Kustomization)["']?[ \t]*(#.*)?\r?$/my;

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The folders the GitOps objects of a file deploy; broken documents give nothing. */
export function readGitOps(text: string): GitOpsTarget[] {
  const out: GitOpsTarget[] = [];
  for (const chunk of splitDocuments(text)) {
    if (!mayHoldGitOps(chunk.text)) continue;
    // The fast block parser first, as the index reads the document; `yaml` for what it does not read.
    // (A `*` in a glob sent every such document to `yaml`, whose first calls in a process are slow: 35 ms of a cold index.)
    const fast = blockTree(chunk.text, chunk.start);
    if (fast) {
      // An alias bomb (kubectl rejects it; the index reports it) is never expanded into plain data.
      if (chunk.text.includes('*') && excessiveAliasing(fast)) continue;
      const doc = obj(plainOf(fast));
      if (doc) out.push(...targetsOf(doc));
      continue;
    }
    let doc: Obj | undefined;
    try {
      const parsed = parseDocument(chunk.text, { prettyErrors: false, strict: false });
      if (parsed.errors.length) continue;
      doc = obj(parsed.toJS({ maxAliasCount: 50 }));
    } catch {
      continue;
    }
    if (doc) out.push(...targetsOf(doc));
  }
  return out;
}

function plainOf(n: YNode | undefined): unknown {
  if (!n) return null;
  if (n.t === 'scalar') return n.value;
  if (n.t === 'seq') return n.items.map(plainOf);
  const o: Obj = {};
  for (const p of n.pairs.values()) o[p.key] = plainOf(p.value);
  return o;
}

function targetsOf(doc: Obj): GitOpsTarget[] {
  const api = str(doc.apiVersion) ?? '';
  const kind = str(doc.kind);
  const name = `${kind} ${str(obj(doc.metadata)?.name) ?? '(unnamed)'}`;
  const spec = obj(doc.spec);
  if (!spec) return [];
  if (api.startsWith('argoproj.io/') && kind === 'Application') return sourcesOf(spec, name);
  if (api.startsWith('argoproj.io/') && kind === 'ApplicationSet') {
    const out: GitOpsTarget[] = [];
    const template = obj(spec.template);
    const templated = sourcesOf(obj(template?.spec) ?? {}, name);
    // A literal template path deploys that folder whatever the generator says.
    out.push(...templated.filter((t) => !t.path.includes('{{')));
    for (const g of list(spec.generators)) {
      for (const d of list(obj(obj(g)?.git)?.directories)) {
        const path = str(obj(d)?.path);
        if (path && obj(d)?.exclude !== true && !/[*?[{]/.test(path))
          out.push({ kind: 'argocd', name, path, recurse: templated.some((t) => t.recurse) });
      }
    }
    return out;
  }
  if (api.startsWith('kustomize.toolkit.fluxcd.io/') && kind === 'Kustomization') {
    const path = str(spec.path) ?? './';
    const ns = str(spec.targetNamespace);
    return [{ kind: 'flux', name, path, recurse: true, ...(ns ? { targetNamespace: ns } : {}) }];
  }
  return [];
}

function sourcesOf(spec: Obj, name: string): GitOpsTarget[] {
  const out: GitOpsTarget[] = [];
  for (const s of [spec.source, ...list(spec.sources)]) {
    const src = obj(s);
    const path = str(src?.path);
    // A Helm chart from a chart repository has no path; a chart folder in the repository is Helm's to render.
    if (!src || !path || str(src.chart)) continue;
    out.push({ kind: 'argocd', name, path, recurse: obj(src.directory)?.recurse === true });
  }
  return out;
}
