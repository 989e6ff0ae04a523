/** One kustomization's steps, in kustomize's order (see build.ts). */
import type { Build } from './build';
import { splitPath, type ConfigKey, type FieldSpec } from './fieldspecs';
import { generate } from './generators';
import { fromY, get, getStr, plain } from './nodes';
import { applyPatch, loadPatch } from './patches';
import { inlineSource, patchSource } from './patchSource';
import { curId, idKey, type Res, type Selector } from './resmap';
import { addAffix, setImages, setNamespace, setPairs, setReplicas, type KV, type Origin } from './transformers';
import type { BMap, BNode, Place } from './types';
import { runTransformerConfigs } from './transformerFiles';
import { readReplacements, runReplacements } from './replacements';

export interface Frame {
  config: Record<ConfigKey, FieldSpec[]>;
  /** `nameReference` entries of `configurations:` files (kustomize's format, as plain data). */
  nameRefs: unknown[];
}

export interface KCtx {
  b: Build;
  dir: string;
  path: string;
  root: BMap;
}

const known = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'components', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations',
  'patches', 'patchesStrategicMerge', 'patchesJson6902', 'replicas', 'images', 'configMapGenerator', 'secretGenerator', 'generatorOptions', 'replacements',
  'vars', 'configurations', 'crds', 'transformers', 'generators', 'validators', 'helmCharts', 'helmGlobals', 'helmChartInflationGenerator', 'openapi',
  'buildMetadata', 'sortOptions',
]);

export function at(k: KCtx, n: BNode | undefined): Place {
  return { path: k.path, span: n?.span ?? [0, 0] };
}

export function origin(k: KCtx, n: BNode | undefined): Origin {
  const p = at(k, n);
  return { ...p, label: k.b.label(k.path, p.span[0]) };
}

function items(n: BNode | undefined): BNode[] {
  return n?.t === 'seq' ? n.items : [];
}

export function runKustomization(b: Build, dir: string, path: string, root: BMap, list: Res[], frame: Frame): Res[] {
  const k: KCtx = { b, dir, path, root };
  for (const [key, p] of root.pairs) if (!known.has(key)) b.error('unknown-field', `invalid Kustomization: json: unknown field "${key}"`, path, p.keySpan);
  for (const key of ['helmCharts', 'helmChartInflationGenerator', 'generators', 'validators', 'crds', 'openapi'] as const) {
    const p = root.pairs.get(key);
    if (p && items(p.value).length + (p.value?.t === 'map' ? 1 : 0) > 0) {
      b.info('not-evaluated', `${key}: podpath does not evaluate ${key === 'helmCharts' || key === 'helmChartInflationGenerator' ? 'Helm charts' : key}; this build is analysed without them`, path, p.keySpan);
    }
  }
  const sort = get(root, 'sortOptions');
  if (sort && b.depth() === 1) {
    if (getStr(sort, 'order') === 'fifo') b.fifo = true;
    if (get(sort, 'legacySortOptions')) b.info('not-evaluated', 'sortOptions.legacySortOptions: podpath prints the objects in kustomize\'s default legacy order', path, sort.span);
  }
  const meta = root.pairs.get('buildMetadata');
  if (meta && b.depth() === 1) b.info('not-evaluated', 'buildMetadata: podpath does not add the origin and transformer annotations or the managed-by label', path, meta.keySpan);
  resources(k, list, frame);
  configurations(k, frame);
  generators(k, list);
  for (const c of items(get(root, 'components'))) {
    const rel = c.t === 'scalar' ? String(c.value) : '';
    const p = b.resolve(dir, rel, at(k, c), 'component');
    if (p === undefined) continue;
    if (!b.reader.isDir(p)) {
      b.error('missing-file', `loader.New "must build at directory: '${rel}': file is not directory"`, path, c.span);
      continue;
    }
    b.accumulate(p, list, true, at(k, c), frame);
  }
  transform(k, list, frame);
  runTransformerConfigs(k, list, frame);
  for (const v of items(get(root, 'vars'))) if (v.t === 'map') b.vars.push({ node: v, path });
  return list;
}

function resources(k: KCtx, list: Res[], frame: Frame): void {
  const { b, dir } = k;
  const added = new Map<Res, BNode>();
  for (const e of [...items(get(k.root, 'resources')), ...items(get(k.root, 'bases'))]) {
    if (e.t !== 'scalar' || e.value === null) continue;
    const rel = String(e.value);
    const p = b.resolve(dir, rel, at(k, e), 'resource');
    if (p === undefined) continue;
    if (b.reader.isDir(p)) {
      const subFrame: Frame = { config: cloneDefaults(frame), nameRefs: [] };
      const got = b.accumulate(p, [], false, at(k, e), subFrame);
      if (got) append(k, list, got, e, added);
      for (const key of Object.keys(subFrame.config) as ConfigKey[]) for (const fs of subFrame.config[key]) if (!frame.config[key].includes(fs)) frame.config[key].push(fs);
      frame.nameRefs.push(...subFrame.nameRefs);
      continue;
    }
    const parsed = b.reader.yaml(p);
    if (!parsed) {
      b.error('missing-file', `accumulating resources: '${rel}' is neither a file nor a folder in the workspace`, k.path, e.span);
      continue;
    }
    if (!(p + '/').startsWith(dir === '' ? '' : `${dir}/`)) {
      b.error('load-restriction', `security; file '${p}' is not in or below '${dir || '.'}'`, k.path, e.span);
      continue;
    }
    if (parsed.error) {
      b.error('yaml', `${rel}: not valid YAML: ${parsed.error.message}`, p, parsed.error.span);
      continue;
    }
    const got: Res[] = [];
    const text = b.reader.text(p);
    for (const d of parsed.docs) {
      const root = fromY(d, p, text);
      if (root.t !== 'map') continue;
      const kind = getStr(root, 'kind');
      if (kind === 'List' && get(root, 'items')?.t === 'seq') {
        for (const it of items(get(root, 'items'))) if (it.t === 'map') got.push({ root: it, prev: [] });
      } else if (kind === 'Kustomization' || kind === 'Component') {
        b.error('kustomization-as-resource', `${rel} is a ${kind}: list its folder, not the file`, k.path, e.span);
      } else got.push({ root, prev: [] });
    }
    append(k, list, got, e, added);
  }
  refuseDuplicates(k, list, added);
}

function cloneDefaults(frame: Frame): Frame['config'] {
  return Object.fromEntries(Object.entries(frame.config).map(([key, v]) => [key, [...v]])) as unknown as Frame['config'];
}

/** Add objects; `resources` checks the ids once all are in. */
function append(_k: KCtx, list: Res[], got: Res[], from: BNode, added: Map<Res, BNode>): void {
  for (const r of got) {
    list.push(r);
    added.set(r, from);
  }
}

/** An id listed twice is kustomize's error, at the entry that added the second. */
function refuseDuplicates(k: KCtx, list: Res[], added: Map<Res, BNode>): void {
  const have = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const id = curId(r);
    const key = idKey(id);
    if (!have.has(key)) {
      have.add(key);
      continue;
    }
    const from = added.get(r);
    if (!from) continue;
    k.b.error('duplicate-id', `may not add resource with an already registered id: ${id.kind}.${id.version}.${id.group || '[noGrp]'}/${id.name}.${id.namespace || '[noNs]'}`, k.path, from.span);
    list.splice(i--, 1);
  }
}

/** `configurations:` files add field specs to the builtin transformers (and name references). */
function configurations(k: KCtx, frame: Frame): void {
  for (const e of items(get(k.root, 'configurations'))) {
    if (e.t !== 'scalar') continue;
    const p = k.b.resolve(k.dir, String(e.value), at(k, e), 'configuration');
    const parsed = p === undefined ? undefined : k.b.reader.yaml(p);
    if (!parsed || p === undefined) {
      if (p !== undefined) k.b.error('missing-file', `configurations: ${String(e.value)} not found`, k.path, e.span);
      continue;
    }
    for (const d of parsed.docs) {
      const cfg = plain(fromY(d, p)) as Record<string, unknown>;
      for (const [key, specs] of Object.entries(cfg ?? {})) {
        if (!Array.isArray(specs)) continue;
        if (key === 'nameReference') {
          frame.nameRefs.push(...specs);
          continue;
        }
        if (!(key in frame.config)) continue;
        for (const s of specs as Record<string, unknown>[]) frame.config[key as ConfigKey].push(toSpec(s));
      }
    }
  }
}

export function toSpec(s: Record<string, unknown>): FieldSpec {
  return {
    ...(s.kind ? { kind: String(s.kind) } : {}),
    ...(s.group ? { group: String(s.group) } : {}),
    ...(s.version ? { version: String(s.version) } : {}),
    path: splitPath(String(s.path ?? '')),
    create: s.create === true,
  };
}

function generators(k: KCtx, list: Res[]): void {
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const g of items(get(k.root, field))) {
      if (g.t !== 'map') continue;
      const made = generate(kind, g, { dir: k.dir, kustPath: k.path, reader: k.b.reader, findings: k.b.findings, options: get(k.root, 'generatorOptions') });
      if (k.b.findings.some((f) => f.severity === 'error')) k.b.failed = true;
      if (!made) continue;
      const id = curId({ root: made.root, prev: [] });
      const existing = list.find((r) => { const x = curId(r); return x.kind === id.kind && x.name === id.name && (id.namespace === '' || x.namespace === id.namespace); });
      if (made.behavior === 'merge' || made.behavior === 'replace') {
        if (!existing) {
          k.b.error('generator', `id ${kind}.v1.[noGrp]/${id.name} does not exist; cannot merge or replace`, k.path, g.span);
          continue;
        }
        mergeGenerated(existing, made.root, made.behavior);
        existing.hashed = existing.hashed || made.hashed;
        continue;
      }
      if (existing) {
        k.b.error('duplicate-id', `may not add resource with an already registered id: ${kind}.v1.[noGrp]/${id.name}.${id.namespace || '[noNs]'}`, k.path, g.span);
        continue;
      }
      list.push({ root: made.root, prev: [], hashed: made.hashed, behavior: made.behavior });
    }
  }
}

function mergeGenerated(existing: Res, made: BMap, behavior: string): void {
  for (const field of ['data', 'binaryData']) {
    const src = made.pairs.get(field);
    const dst = existing.root.pairs.get(field);
    if (behavior === 'replace' || dst?.value?.t !== 'map') {
      if (src) existing.root.pairs.set(field, src);
      else if (behavior === 'replace') existing.root.pairs.delete(field);
      continue;
    }
    if (src?.value?.t === 'map') for (const [key, p] of src.value.pairs) dst.value.pairs.set(key, p);
  }
  const meta = made.pairs.get('metadata')?.value;
  const emeta = existing.root.pairs.get('metadata')?.value;
  if (meta?.t === 'map' && emeta?.t === 'map') {
    for (const field of ['labels', 'annotations']) {
      const src = meta.pairs.get(field)?.value;
      if (src?.t !== 'map') continue;
      const dst = emeta.pairs.get(field);
      if (dst?.value?.t === 'map') for (const [key, p] of src.pairs) dst.value.pairs.set(key, p);
      else emeta.pairs.set(field, meta.pairs.get(field)!);
    }
  }
}

function selector(n: BNode | undefined): Selector | undefined {
  if (n?.t !== 'map') return undefined;
  const s: Selector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getStr(n, key);
    if (v !== undefined) s[key] = v;
  }
  return s;
}

const yaml11Bool = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * A string field of the kustomization. kustomize decodes the file as YAML 1.1 into typed
 * fields: an unquoted `true`, `yes`, `y` or `1` is no string there, and the build fails
 * ("cannot unmarshal bool into Go struct field Kustomization.commonLabels of type string").
 */
export function stringField(k: KCtx, n: BNode | undefined, goField: string): string | undefined {
  if (n?.t !== 'scalar' || n.value === null) return undefined;
  const kind = typeof n.value === 'boolean' || (!n.quoted && typeof n.value === 'string' && yaml11Bool.test(n.value)) ? 'bool' : typeof n.value === 'number' ? 'number' : undefined;
  if (kind) k.b.error('kustomization-type', `invalid Kustomization: json: cannot unmarshal ${kind} into Go struct field ${goField} of type string (quote the value)`, k.path, n.span);
  return String(n.value);
}

function labelsOf(k: KCtx, n: BNode | undefined, goField: string): KV[] {
  if (n?.t !== 'map') return [];
  return [...n.pairs.values()].map((p) => ({ key: p.key, value: stringField(k, p.value, goField) ?? '', keyAt: { path: k.path, span: p.keySpan }, valueAt: at(k, p.value) }));
}

/** The builtin transformers of a kustomization, in kustomize's order. */
function transform(k: KCtx, list: Res[], frame: Frame): void {
  const { b, root } = k;
  const cfg = frame.config;
  for (const e of items(get(root, 'patchesStrategicMerge'))) {
    if (e.t !== 'scalar') continue;
    const text = String(e.value);
    const src = text.includes('\n') || text.includes(':') ? inlineSource(k, e) : patchSource(k, e, e, undefined);
    if (!src) continue;
    const err = applyPatch(list, loadPatch(src, (key, t) => k.b.reader.parse(key, t)), undefined, {}, text);
    if (err) b.error('patch', err, k.path, e.span);
  }
  for (const e of items(get(root, 'patches'))) {
    if (e.t !== 'map') continue;
    const src = patchSource(k, e, get(e, 'path'), get(e, 'patch'));
    if (!src) continue;
    const opts = plain(get(e, 'options')) as { allowNameChange?: boolean } | null;
    const err = applyPatch(list, loadPatch(src, (key, t) => k.b.reader.parse(key, t)), selector(get(e, 'target')), opts ?? {}, getStr(e, 'path') ?? 'inline');
    if (err) b.error('patch', err, k.path, e.span);
  }
  const ns = get(root, 'namespace');
  if (ns?.t === 'scalar' && ns.value) setNamespace(list, String(ns.value), at(k, ns), cfg.namespace);
  for (const key of ['namePrefix', 'nameSuffix'] as const) {
    const v = get(root, key);
    if (v?.t === 'scalar' && v.value) addAffix(list, String(v.value), key, origin(k, v), key === 'namePrefix' ? cfg.namePrefix : cfg.nameSuffix);
  }
  for (const l of items(get(root, 'labels'))) {
    const kvs = labelsOf(k, get(l, 'pairs'), 'Label.labels.pairs');
    const specs = (plain(get(l, 'fields')) as Record<string, unknown>[] | null ?? []).map(toSpec);
    if (getStr(l, 'includeSelectors') === 'true') specs.push(...cfg.commonLabels);
    else {
      if (getStr(l, 'includeTemplates') === 'true') specs.push(...cfg.templateLabels);
      specs.push({ path: ['metadata', 'labels'], create: true });
    }
    setPairs(list, kvs, specs, at(k, l));
  }
  const common = get(root, 'commonLabels');
  setPairs(list, labelsOf(k, common, 'Kustomization.commonLabels'), cfg.commonLabels, at(k, common));
  const annotations = get(root, 'commonAnnotations');
  setPairs(list, labelsOf(k, annotations, 'Kustomization.commonAnnotations'), cfg.commonAnnotations, at(k, annotations));
  for (const e of items(get(root, 'patchesJson6902'))) {
    if (e.t !== 'map') continue;
    const src = patchSource(k, e, get(e, 'path'), get(e, 'patch'));
    if (!src) continue;
    const err = applyPatch(list, loadPatch(src, (key, t) => k.b.reader.parse(key, t)), selector(get(e, 'target')) ?? {}, {}, getStr(e, 'path') ?? 'inline');
    if (err) b.error('patch', err, k.path, e.span);
  }
  for (const e of items(get(root, 'replicas'))) {
    const name = getStr(e, 'name');
    const count = get(e, 'count');
    if (!name || count?.t !== 'scalar' || typeof count.value !== 'number') continue;
    if (!setReplicas(list, name, count.value, cfg.replicas, at(k, count), at(k, e))) {
      b.error('replicas', `resource with name ${name} does not match a config with the following GVK [Deployment.[noVer].[noGrp] ReplicationController.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] StatefulSet.[noVer].[noGrp]]`, k.path, e.span);
    }
  }
  for (const e of items(get(root, 'images'))) {
    const name = getStr(e, 'name');
    if (!name) continue;
    const f = (key: string): string | undefined => stringField(k, get(e, key), `Image.images.${key}`);
    setImages(list, { name, newName: f('newName'), newTag: f('newTag'), digest: f('digest'), tagSuffix: f('tagSuffix') }, origin(k, e));
  }
  const repl = readReplacements(k, items(get(root, 'replacements')));
  if (repl.length) runReplacements(k, list, repl);
}

