/**
 * The generator step of a kustomization: `configMapGenerator` and `secretGenerator`, with
 * their create, merge and replace behaviours.
 */
import { generate } from './generators';
import { items, type KCtx } from './kctx';
import { get } from './nodes';
import { curId, type Res } from './resmap';
import type { BMap } from './types';

export function generators(k: KCtx, list: Res[]): void {
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const g of items(get(k.root, field))) {
      if (g.t !== 'map') continue;
      const made = generate(kind, g, {
        dir: k.dir,
        kustPath: k.path,
        reader: k.b.reader,
        findings: k.b.findings,
        options: get(k.root, 'generatorOptions'),
      });
      if (k.b.findings.some((f) => f.severity === 'error')) k.b.failed = true;
      if (!made) continue;
      const id = curId({ root: made.root, prev: [] });
      const existing = list.find((r) => {
        const x = curId(r);
        return x.kind === id.kind && x.name === id.name && (id.namespace === '' || x.namespace === id.namespace);
      });
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
        k.b.error(
          'duplicate-id',
          `may not add resource with an already registered id: ${kind}.v1.[noGrp]/${id.name}.${id.namespace || '[noNs]'}`,
          k.path,
          g.span,
        );
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
