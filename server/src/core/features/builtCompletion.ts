/**
 * Completion in a file a kustomize build reads (core/units/built.ts): each unit that builds
 * the object being edited offers what it holds — the namespaces, pod-template labels (after
 * `labels`, `commonLabels` and patches) and container ports of its built objects — and the
 * offers are merged: one entry for what every unit offers, "only in …" on the others. A
 * Service name is offered as it is written (`api`, not `prod-api`) where kustomize rewrites the
 * reference when it prefixes the Service (an Ingress backend, a StatefulSet's `serviceName`);
 * a route's backendRef, which kustomize leaves alone, gets the built name.
 */
import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { realPlace, type Resource, type SourceFile } from '../model/resource';
import { builtResourcesAt } from './builtHover';
import type { Entry } from './completion';

/** Units named in an "only in" note at the most. */
const maxNamed = 3;

/**
 * The merged offers of the units that built `r` (a resource of `file` as written), each asked
 * with `items` at the cursor's place in its built file; undefined when no build read it as it is now.
 */
export function builtCompletions(
  index: WorkspaceIndex,
  file: SourceFile,
  r: Resource,
  offset: number,
  items: (lookup: Lookup, built: Resource, offset: number) => Entry[],
): Entry[] | undefined {
  if (!index.builtAt(file).length) return undefined;
  const hits = builtResourcesAt(index, file, r.span[0]);
  if (!hits.length) return undefined;
  const per: { unit: string; items: Entry[] }[] = [];
  for (const { unit, resource } of hits) {
    if (per.some((p) => p.unit === unit)) continue;
    const seg = resource.file.segments!.find((s) => s.file === file)!;
    per.push({ unit, items: items(index.lookup({ unit }), resource, seg.base + offset) });
  }
  return merge(per);
}

/** One entry per offer; one that not every unit makes says where it holds and comes after the others. */
function merge(per: { unit: string; items: Entry[] }[]): Entry[] {
  if (per.length === 1) return per[0]!.items;
  const byKey = new Map<string, { entry: Entry; units: string[] }>();
  for (const { unit, items } of per) {
    for (const e of items) {
      const key = `${e.kind}\t${e.label}\t${e.insertText}`;
      const had = byKey.get(key);
      if (had) {
        if (!had.units.includes(unit)) had.units.push(unit);
      } else byKey.set(key, { entry: e, units: [unit] });
    }
  }
  return [...byKey.values()].map(({ entry, units }) => {
    if (units.length === per.length) return entry;
    const named = units.slice(0, maxNamed).join(', ') + (units.length > maxNamed ? ` and ${units.length - maxNamed} more` : '');
    return {
      ...entry,
      detail: `${entry.detail ? `${entry.detail} ` : ''}(only in ${named})`,
      sortText: `~${entry.sortText ?? entry.label}`,
      preselect: undefined,
    };
  });
}

/** A built Service's name as written where its name is set (before a namePrefix or nameSuffix), when its built name holds it. */
export function writtenName(s: Resource): string {
  const at = realPlace(s.file, s.nameSpan);
  const text = at.file.text.slice(at.span[0], at.span[1]);
  const t = /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
  return t && s.name.includes(t) ? t : s.name;
}
