/**
 * The builtin transformers of a kustomization (patches, namespace, affixes, labels, replicas,
 * images, replacements), in kustomize's order.
 */
import { at, items, origin, stringField, toSpec, type Frame, type KCtx } from './kctx';
import { get, getStr, plain } from './nodes';
import { applyPatch, loadPatch } from './patches';
import { inlineSource, patchSource } from './patchSource';
import type { Res, Selector } from './resmap';
import { addAffix, setImages, setNamespace, setPairs, setReplicas, type KV } from './transformers';
import type { BNode } from './types';
import { readReplacements, runReplacements } from './replacements';

function selector(n: BNode | undefined): Selector | undefined {
  if (n?.t !== 'map') return undefined;
  const s: Selector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getStr(n, key);
    if (v !== undefined) s[key] = v;
  }
  return s;
}

function labelsOf(k: KCtx, n: BNode | undefined, goField: string): KV[] {
  if (n?.t !== 'map') return [];
  return [...n.pairs.values()].map((p) => ({
    key: p.key,
    value: stringField(k, p.value, goField) ?? '',
    keyAt: { path: k.path, span: p.keySpan },
    valueAt: at(k, p.value),
  }));
}

/** The builtin transformers of a kustomization, in kustomize's order. */
export function transform(k: KCtx, list: Res[], frame: Frame): void {
  const { b, root } = k;
  const cfg = frame.config;
  for (const e of items(get(root, 'patchesStrategicMerge'))) {
    if (e.t !== 'scalar') continue;
    const text = String(e.value);
    const src = text.includes('\n') || text.includes(':') ? inlineSource(k, e) : patchSource(k, e, e, undefined);
    if (!src) continue;
    const err = applyPatch(
      list,
      loadPatch(src, (key, t) => k.b.reader.parse(key, t)),
      undefined,
      {},
      text,
    );
    if (err) b.error('patch', err.message, k.path, e.span, err.readsBody);
  }
  for (const e of items(get(root, 'patches'))) {
    if (e.t !== 'map') continue;
    const src = patchSource(k, e, get(e, 'path'), get(e, 'patch'));
    if (!src) continue;
    const opts = plain(get(e, 'options')) as { allowNameChange?: boolean } | null;
    const err = applyPatch(
      list,
      loadPatch(src, (key, t) => k.b.reader.parse(key, t)),
      selector(get(e, 'target')),
      opts ?? {},
      getStr(e, 'path') ?? 'inline',
    );
    if (err) b.error('patch', err.message, k.path, e.span, err.readsBody);
  }
  const ns = get(root, 'namespace');
  if (ns?.t === 'scalar' && ns.value) setNamespace(list, String(ns.value), at(k, ns), cfg.namespace);
  for (const key of ['namePrefix', 'nameSuffix'] as const) {
    const v = get(root, key);
    if (v?.t === 'scalar' && v.value)
      addAffix(list, String(v.value), key, origin(k, v), key === 'namePrefix' ? cfg.namePrefix : cfg.nameSuffix);
  }
  for (const l of items(get(root, 'labels'))) {
    const kvs = labelsOf(k, get(l, 'pairs'), 'Label.labels.pairs');
    const specs = ((plain(get(l, 'fields')) as Record<string, unknown>[] | null) ?? []).map(toSpec);
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
    const err = applyPatch(
      list,
      loadPatch(src, (key, t) => k.b.reader.parse(key, t)),
      selector(get(e, 'target')) ?? {},
      {},
      getStr(e, 'path') ?? 'inline',
    );
    if (err) b.error('patch', err.message, k.path, e.span, err.readsBody);
  }
  for (const e of items(get(root, 'replicas'))) {
    const name = getStr(e, 'name');
    const count = get(e, 'count');
    if (!name || count?.t !== 'scalar' || typeof count.value !== 'number') continue;
    if (!setReplicas(list, name, count.value, cfg.replicas, at(k, count), at(k, e))) {
      b.error(
        'replicas',
        `resource with name ${name} does not match a config with the following GVK [Deployment.[noVer].[noGrp] ReplicationController.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] StatefulSet.[noVer].[noGrp]]`,
        k.path,
        e.span,
      );
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
