/** What a folder's kustomization says about its files: namespace, resources and patches. */
import { parseDocument } from 'yaml';
import type { FolderContext } from '../parse/parseFile';

export interface Kustomization {
  namespace: string | undefined;
  /** File names (relative to the folder, normalised) listed under `resources:` (and `bases:`). */
  resources: Set<string>;
  /** File names listed as patches. */
  patches: Set<string>;
}

function norm(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Read a kustomization file's text; broken or odd files yield an empty kustomization. */
export function readKustomization(text: string): Kustomization {
  const k: Kustomization = { namespace: undefined, resources: new Set(), patches: new Set() };
  let v: unknown;
  try {
    v = parseDocument(text, { prettyErrors: false }).toJS({ maxAliasCount: 50 });
  } catch {
    return k;
  }
  if (!v || typeof v !== 'object') return k;
  const o = v as Record<string, unknown>;
  if (typeof o.namespace === 'string') k.namespace = o.namespace;
  for (const key of ['resources', 'bases']) {
    const list = o[key];
    if (Array.isArray(list)) for (const e of list) if (typeof e === 'string') k.resources.add(norm(e));
  }
  for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
    const list = o[key];
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (typeof e === 'string') k.patches.add(norm(e));
      else if (e && typeof e === 'object' && typeof (e as { path?: unknown }).path === 'string') k.patches.add(norm((e as { path: string }).path));
    }
  }
  return k;
}

/** The folder context of one file, given the kustomization of its folder (if any). */
export function folderContext(k: Kustomization | undefined, fileName: string): FolderContext | undefined {
  if (!k) return undefined;
  return { namespace: k.namespace, listedAsResource: k.resources.has(fileName), listedAsPatch: k.patches.has(fileName) };
}
