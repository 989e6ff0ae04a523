/**
 * `transformers:` entries that configure kustomize's builtin transformers (apiVersion
 * `builtin`: LabelTransformer, AnnotationsTransformer, NamespaceTransformer,
 * PrefixSuffixTransformer, PrefixTransformer, SuffixTransformer, ImageTagTransformer,
 * ReplicaCountTransformer, PatchTransformer, PatchJson6902Transformer,
 * PatchStrategicMergeTransformer). Anything else is a plugin: an info finding, left out.
 */
import { fromY, get, getStr, plain } from './nodes';
import { applyPatch, loadPatch } from './patches';
import type { Res, Selector } from './resmap';
import { patchSource } from './patchSource';
import { at, toSpec, type Frame, type KCtx } from './kctx';
import { addAffix, setImages, setNamespace, setPairs, setReplicas, type KV } from './transformers';
import type { BMap, BNode } from './types';

function kvs(path: string, n: BNode | undefined): KV[] {
  if (n?.t !== 'map') return [];
  return [...n.pairs.values()].map((p) => ({
    key: p.key,
    value: p.value?.t === 'scalar' && p.value.value !== null ? String(p.value.value) : '',
    keyAt: { path, span: p.keySpan },
    valueAt: { path, span: p.value?.span ?? p.keySpan },
  }));
}

function specsOf(n: BNode | undefined) {
  return ((plain(n) as Record<string, unknown>[] | null) ?? []).map(toSpec);
}

export function runTransformerConfigs(k: KCtx, list: Res[], frame: Frame): void {
  for (const e of get(k.root, 'transformers')?.t === 'seq' ? (get(k.root, 'transformers') as { items: BNode[] }).items : []) {
    if (e.t !== 'scalar' || typeof e.value !== 'string') continue;
    const text = e.value;
    if (text.includes('\n') || text.includes(':')) {
      k.b.info(
        'not-evaluated',
        'inline transformer configurations are not evaluated by podpath; this build is analysed without it',
        k.path,
        e.span,
      );
      continue;
    }
    const p = k.b.resolve(k.dir, text, at(k, e), 'transformer');
    if (p === undefined) continue;
    const parsed = k.b.reader.isDir(p) ? undefined : k.b.reader.yaml(p);
    if (!parsed) {
      k.b.info(
        'not-evaluated',
        `transformers: ${text} is not a file of builtin transformer configurations; podpath analyses this build without it`,
        k.path,
        e.span,
      );
      continue;
    }
    const docs = parsed.docs.map((d) => fromY(d, p, k.b.reader.text(p))).filter((d): d is BMap => d.t === 'map');
    for (const d of docs) {
      if (!apply(k, p, d, list, frame)) {
        k.b.info(
          'not-evaluated',
          `transformer ${getStr(d, 'kind') ?? '?'} (${getStr(d, 'apiVersion') ?? '?'}) is a plugin: podpath does not run plugins, and analyses this build without it`,
          k.path,
          e.span,
        );
      }
    }
  }
}

function apply(k: KCtx, file: string, d: BMap, list: Res[], frame: Frame): boolean {
  if (getStr(d, 'apiVersion') !== 'builtin') return false;
  const place = (n: BNode | undefined) => ({ path: file, span: n?.span ?? d.span });
  const label = (n: BNode | undefined) => ({ ...place(n), label: k.b.label(file, (n?.span ?? d.span)[0]) });
  const specs = get(d, 'fieldSpecs');
  switch (getStr(d, 'kind')) {
    case 'LabelTransformer':
      setPairs(list, kvs(file, get(d, 'labels')), specs ? specsOf(specs) : frame.config.commonLabels, place(get(d, 'labels')));
      return true;
    case 'AnnotationsTransformer':
      setPairs(
        list,
        kvs(file, get(d, 'annotations')),
        specs ? specsOf(specs) : frame.config.commonAnnotations,
        place(get(d, 'annotations')),
      );
      return true;
    case 'NamespaceTransformer': {
      const ns = get(d, 'metadata', 'namespace');
      if (ns?.t === 'scalar' && ns.value) setNamespace(list, String(ns.value), place(ns), specs ? specsOf(specs) : frame.config.namespace);
      return true;
    }
    case 'PrefixSuffixTransformer':
    case 'PrefixTransformer':
    case 'SuffixTransformer': {
      for (const key of ['prefix', 'suffix'] as const) {
        const v = get(d, key);
        if (v?.t === 'scalar' && v.value)
          addAffix(
            list,
            String(v.value),
            key === 'prefix' ? 'namePrefix' : 'nameSuffix',
            label(v),
            specs ? specsOf(specs) : frame.config.namePrefix,
          );
      }
      return true;
    }
    case 'ImageTagTransformer': {
      const t = get(d, 'imageTag');
      const name = getStr(t, 'name');
      if (name)
        setImages(
          list,
          {
            name,
            newName: getStr(t, 'newName'),
            newTag: getStr(t, 'newTag'),
            digest: getStr(t, 'digest'),
            tagSuffix: getStr(t, 'tagSuffix'),
          },
          label(t),
        );
      return true;
    }
    case 'ReplicaCountTransformer': {
      const r = get(d, 'replica');
      const count = get(r, 'count');
      const name = getStr(r, 'name');
      if (name && count?.t === 'scalar' && typeof count.value === 'number')
        setReplicas(list, name, count.value, specs ? specsOf(specs) : frame.config.replicas, place(count), place(r));
      return true;
    }
    case 'PatchTransformer':
    case 'PatchJson6902Transformer':
    case 'PatchStrategicMergeTransformer': {
      const src = patchSource({ ...k, path: file }, d, get(d, 'path'), get(d, 'patch') ?? get(d, 'jsonOp'));
      if (!src) return true;
      const target = plain(get(d, 'target')) as Selector | null;
      const err = applyPatch(
        list,
        loadPatch(src, (key, t) => k.b.reader.parse(key, t)),
        target ?? undefined,
        {},
        getStr(d, 'path') ?? 'inline',
      );
      if (err) k.b.error('patch', err.message, file, d.span, err.readsBody);
      return true;
    }
    default:
      return false;
  }
}
