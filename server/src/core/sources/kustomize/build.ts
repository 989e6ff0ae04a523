/**
 * The evaluator's front door (the interface is in types.ts): a kustomization folder → the
 * objects kustomize v5.5.0 builds, in its order, with provenance and findings. The steps
 * follow kustomize's: resources (files and nested kustomizations, each built on its own),
 * generators, components (applied to what is accumulated so far), then the builtin
 * transformers in kustomize's fixed order and `transformers:` files; at the top, hash
 * suffixes, name references and vars.
 */
import { fixNameReferences } from './nameref';
import { isRemote, joinPath, Reader } from './load';
import { get, getStr, fromY, lineOf } from './nodes';
import { allIds, curId, idKey, idString, legacySort, type Res } from './resmap';
import { contentHash } from './hash';
import type { Frame } from './kctx';
import { runKustomization } from './steps';
import { defaultConfig } from './fieldspecs';
import type { BMap, BuildFinding, BuildOptions, BuildResult, BuiltObject, SourceFs } from './types';
import { resolveVars, type Var } from './vars';

export type { BuildResult, SourceFs } from './types';

export class Build {
  readonly findings: BuildFinding[] = [];
  readonly vars: Var[] = [];
  failed = false;
  /** `sortOptions: {order: fifo}` at the top: the objects in the order they were accumulated. */
  fifo = false;
  /** A step copied values from one object into others (replacements, vars). */
  crossObject = false;
  private readonly stack: string[] = [];

  /** How deep the build is: 1 in the top kustomization. */
  depth(): number {
    return this.stack.length;
  }

  constructor(readonly reader: Reader) {}

  /** `readsBody`: it may come from a body left out of a document read from its header (see BuildFinding). */
  error(code: string, message: string, path: string, span: readonly [number, number], readsBody?: true): void {
    this.failed = true;
    const f: BuildFinding = { severity: 'error', code, message, path, span: [span[0], span[1]] };
    if (readsBody) f.readsBody = true;
    this.findings.push(f);
  }

  info(code: string, message: string, path: string, span: readonly [number, number]): void {
    this.findings.push({ severity: 'info', code, message, path, span: [span[0], span[1]] });
  }

  /** "overlays/prod/kustomization.yaml:5" for a place in a file. */
  label(path: string, offset: number): string {
    return `${path}:${lineOf(this.reader.text(path) ?? '', offset)}`;
  }

  /** The kustomization of a folder as a tree, or undefined (with a finding at `from`). */
  kustomization(dir: string, from: { path: string; span: readonly [number, number] }): { path: string; root: BMap } | undefined {
    const path = this.reader.kustomizationFile(dir, this.findings, { path: from.path, span: [from.span[0], from.span[1]] });
    if (path === undefined) {
      this.error(
        'missing-kustomization',
        `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir || '.'}'`,
        from.path,
        from.span,
      );
      return undefined;
    }
    const parsed = this.reader.yaml(path)!;
    if (parsed.error) {
      this.error('yaml', `kustomization is not valid YAML: ${parsed.error.message}`, path, parsed.error.span);
      return undefined;
    }
    const root = parsed.docs[0] ? fromY(parsed.docs[0], path, this.reader.text(path)) : undefined;
    // Nothing but apiVersion and kind (or nothing at all): kustomize refuses it.
    if (!root || root.t !== 'map' || [...root.pairs.keys()].every((k) => k === 'apiVersion' || k === 'kind')) {
      this.error('empty-kustomization', `${path.slice(path.lastIndexOf('/') + 1)} is empty`, path, [0, 0]);
      return undefined;
    }
    return { path, root };
  }

  /**
   * Build folder `dir` into `list`: a kustomization gets a list of its own (returned), a
   * component works on the list of the kustomization that includes it.
   */
  accumulate(
    dir: string,
    list: Res[],
    component: boolean,
    from: { path: string; span: readonly [number, number] },
    frame?: Frame,
  ): Res[] | undefined {
    if (this.stack.includes(dir)) {
      this.error('cycle', `cycle detected: ${[...this.stack, dir].join(' → ')}`, from.path, from.span);
      return undefined;
    }
    const k = this.kustomization(dir, from);
    if (!k) return undefined;
    const kind = getStr(k.root, 'kind') ?? 'Kustomization';
    if (component && kind !== 'Component') {
      this.error('not-component', `expected kind 'Component' for path '${dir}' but got '${kind}'`, from.path, from.span);
      return undefined;
    }
    if (!component && kind === 'Component' && this.stack.length > 0) {
      this.error('component-as-resource', `expected kind != 'Component' for path '${dir}'`, from.path, from.span);
      return undefined;
    }
    this.stack.push(dir);
    try {
      return runKustomization(this, dir, k.path, k.root, list, frame ?? { config: cloneConfig(), nameRefs: [] });
    } finally {
      this.stack.pop();
    }
  }

  /** The path of `rel` under `dir`, or undefined with a finding when it leaves the workspace or is remote. */
  resolve(dir: string, rel: string, at: { path: string; span: readonly [number, number] }, what: string): string | undefined {
    if (isRemote(rel)) {
      this.info('remote', `${what} ${rel} is remote: podpath does not fetch it, and analyses this build without it`, at.path, at.span);
      return undefined;
    }
    const p = joinPath(dir, rel);
    if (p === undefined)
      this.error('outside-workspace', `${what} ${rel} is outside the workspace: podpath reads no file there`, at.path, at.span);
    return p;
  }
}

export function cloneConfig(): typeof defaultConfig {
  return Object.fromEntries(Object.entries(defaultConfig).map(([k, v]) => [k, [...v]])) as unknown as typeof defaultConfig;
}

/** Build the kustomization in folder `dir` (workspace-relative) as `kubectl kustomize dir` would. */
export function buildKustomization(fs: SourceFs, dir: string, options: BuildOptions = {}): BuildResult {
  const reader = new Reader(fs, options.cache, options.crdHeaders ?? false);
  const b = new Build(reader);
  const root = dir.replace(/\/+$/, '').replace(/^\.\/?/, '');
  const frame: Frame = { config: cloneConfig(), nameRefs: [] };
  const list = b.accumulate(root, [], false, { path: root, span: [0, 0] }, frame) ?? [];
  finish(b, list, frame);
  // Objects marked local-config are the build's own (a replacement's source, say): kustomize drops them from its output.
  const applied = list.filter((r) => getStr(r.root, 'metadata', 'annotations', 'config.kubernetes.io/local-config') !== 'true');
  const objects: BuiltObject[] = (b.fifo ? applied : legacySort(applied)).map((r) => {
    const id = curId(r);
    return {
      apiVersion: getStr(r.root, 'apiVersion') ?? '',
      kind: id.kind,
      name: id.name,
      namespace: getStr(r.root, 'metadata', 'namespace'),
      root: r.root,
    };
  });
  return {
    objects,
    findings: b.findings,
    inputs: reader.inputs,
    failed: b.failed,
    headersRead: reader.headersRead,
    ...(reader.headersOnly.size > 0 ? { headersOnly: reader.headersOnly } : {}),
    reads: {
      texts: reader.texts,
      asResource: reader.asResource,
      otherwise: reader.otherwise,
      dirs: reader.dirs,
      crossObject: b.crossObject || b.vars.length > 0,
      ids: list.map((r) => allIds(r).map(idString).join(' ')).join('\n'),
    },
  };
}

/** The steps done once, at the top: hash suffixes, name references, vars. */
function finish(b: Build, list: Res[], frame: Frame): void {
  for (const r of list) {
    if (!r.hashed) continue;
    const meta = get(r.root, 'metadata');
    const name = meta?.t === 'map' ? meta.pairs.get('name')?.value : undefined;
    if (name?.t !== 'scalar') continue;
    const hash = contentHash(r.root);
    r.prev.push(curId(r));
    name.value = `${String(name.value)}-${hash}`;
    name.src.note = `${name.src.note ? `${name.src.note}; ` : ''}hash suffix -${hash} of its contents`;
  }
  fixNameReferences(list, frame);
  if (b.vars.length > 0) resolveVars(list, b.vars, b, frame.config.varReference);
  // Two objects that ended up with one id (a rename made them collide): kustomize refuses the build.
  const seen = new Set<string>();
  for (const r of list) {
    const id = curId(r);
    const key = idKey(id);
    if (seen.has(key))
      b.error('duplicate-id', `may not add resource with an already registered id: ${idString(id)}`, r.root.src.path, r.root.src.span);
    seen.add(key);
  }
}
