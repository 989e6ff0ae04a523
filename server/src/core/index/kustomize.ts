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

/**
 * The folder context of one file, given the kustomization of its folder (if any) and
 * whether some kustomization, in any folder, lists the file as a patch.
 */
export function folderContext(k: Kustomization | undefined, fileName: string, patchedElsewhere = false): FolderContext | undefined {
  if (!k) return patchedElsewhere ? { namespace: undefined, listedAsResource: false, listedAsPatch: true } : undefined;
  return { namespace: k.namespace, listedAsResource: k.resources.has(fileName), listedAsPatch: patchedElsewhere || k.patches.has(fileName) };
}

/** A URI with its escapes decoded, so that the walker's and an editor's spellings of a path compare equal. */
export function decodedUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/**
 * The files a kustomization in folder `dir` (a URI) lists as patches, as decoded URIs:
 * patches usually live in a subfolder (`patches/replicas.yaml`) or next to a base (`../`).
 */
export function patchTargets(dir: string, k: Kustomization): string[] {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(decodedUri(dir));
  if (!m) return [];
  const out: string[] = [];
  for (const p of k.patches) {
    // Remote and absolute paths name nothing in the workspace's folders.
    if (p.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(p)) continue;
    const parts = (m[2] ?? '').split('/').filter((s) => s !== '');
    for (const seg of p.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '' && seg !== '.') parts.push(seg);
    }
    out.push(`${m[1]}/${parts.join('/')}`);
  }
  return out;
}
