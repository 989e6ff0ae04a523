/**
 * One kustomization's steps, in kustomize's order (see build.ts): the resources it accumulates
 * and its configurations here, then its generators (generatorStep.ts), components and builtin
 * transformers (builtinTransformers.ts).
 */
import type { Build } from './build';
import { generators } from './generatorStep';
import { transform } from './builtinTransformers';
import { at, items, toSpec, type Frame, type KCtx } from './kctx';
import type { ConfigKey } from './fieldspecs';
import { fromY, get, getStr, plain } from './nodes';
import { curId, idKey, type Res } from './resmap';
import type { BMap, BNode } from './types';
import { runTransformerConfigs } from './transformerFiles';

const known = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'resources',
  'bases',
  'components',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'replicas',
  'images',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'replacements',
  'vars',
  'configurations',
  'crds',
  'transformers',
  'generators',
  'validators',
  'helmCharts',
  'helmGlobals',
  'helmChartInflationGenerator',
  'openapi',
  'buildMetadata',
  'sortOptions',
]);

export function runKustomization(b: Build, dir: string, path: string, root: BMap, list: Res[], frame: Frame): Res[] {
  const k: KCtx = { b, dir, path, root };
  for (const [key, p] of root.pairs)
    if (!known.has(key)) b.error('unknown-field', `invalid Kustomization: json: unknown field "${key}"`, path, p.keySpan);
  for (const key of ['helmCharts', 'helmChartInflationGenerator', 'generators', 'validators', 'crds', 'openapi'] as const) {
    const p = root.pairs.get(key);
    if (p && items(p.value).length + (p.value?.t === 'map' ? 1 : 0) > 0) {
      b.info(
        'not-evaluated',
        `${key}: podpath does not evaluate ${key === 'helmCharts' || key === 'helmChartInflationGenerator' ? 'Helm charts' : key}; this build is analysed without them`,
        path,
        p.keySpan,
      );
    }
  }
  const sort = get(root, 'sortOptions');
  if (sort && b.depth() === 1) {
    if (getStr(sort, 'order') === 'fifo') b.fifo = true;
    if (get(sort, 'legacySortOptions'))
      b.info(
        'not-evaluated',
        "sortOptions.legacySortOptions: podpath prints the objects in kustomize's default legacy order",
        path,
        sort.span,
      );
  }
  const meta = root.pairs.get('buildMetadata');
  if (meta && b.depth() === 1)
    b.info(
      'not-evaluated',
      'buildMetadata: podpath does not add the origin and transformer annotations or the managed-by label',
      path,
      meta.keySpan,
    );
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
      for (const key of Object.keys(subFrame.config) as ConfigKey[])
        for (const fs of subFrame.config[key]) if (!frame.config[key].includes(fs)) frame.config[key].push(fs);
      frame.nameRefs.push(...subFrame.nameRefs);
      continue;
    }
    const parsed = b.reader.yaml(p, true);
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
    const text = b.reader.text(p, true);
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
    k.b.error(
      'duplicate-id',
      `may not add resource with an already registered id: ${id.kind}.${id.version}.${id.group || '[noGrp]'}/${id.name}.${id.namespace || '[noNs]'}`,
      k.path,
      from.span,
    );
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
