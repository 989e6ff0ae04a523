/** What a folder's kustomization says about its files: namespace, resources and patches. */
import { parseDocument } from 'yaml';
import { getScalar, getSeq, isScalar, type YMap } from '../model/ytree';
import { blockTree } from '../parse/blockTree';
import { tooDeepAt } from '../parse/depth';
import { splitDocuments } from '../parse/documents';
import type { FolderContext } from '../parse/parseFile';

export interface Kustomization {
  namespace: string | undefined;
  /** File names (relative to the folder, normalised) listed under `resources:` (and `bases:`). */
  resources: Set<string>;
  /** File names listed as patches. */
  patches: Set<string>;
  /** Folders listed under `components:`. */
  components: Set<string>;
  /** `kind: Component`. */
  component?: boolean;
}

function norm(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+$/, '');
}

/**
 * Read a kustomization file's text; broken or odd files yield an empty kustomization. Plain
 * block YAML (nearly every kustomization) is read by the fast block parser, which gives the
 * values `yaml` gives; the rest — several documents, anchors (whose expansion `yaml` limits),
 * anything the block parser gives up on — by `yaml` itself.
 */
export function readKustomization(text: string): Kustomization {
  return withKind(readKustomizationOnly(text), text);
}

/** `kind: Component` at the top: a component (read from the text, as discovery needs nothing else of it). */
function withKind(k: Kustomization, text: string): Kustomization {
  if (/^kind:[ \t]*["']?Component["']?[ \t]*(#.*)?\r?$/m.test(text)) k.component = true;
  return k;
}

function readKustomizationOnly(text: string): Kustomization {
  const chunks = splitDocuments(text);
  const tree = chunks.length === 1 && !text.includes('&') ? blockTree(chunks[0]!.text, chunks[0]!.start) : undefined;
  // Nesting `yaml` would recurse into until the heap runs out: no kustomization (parse/depth.ts).
  if (!tree && tooDeepAt(text) >= 0) return { namespace: undefined, resources: new Set(), patches: new Set(), components: new Set() };
  return tree ? fromTree(tree) : readKustomizationWithYaml(text);
}

function fromTree(root: YMap): Kustomization {
  const k: Kustomization = { namespace: undefined, resources: new Set(), patches: new Set(), components: new Set() };
  const ns = getScalar(root, 'namespace')?.value;
  if (typeof ns === 'string') k.namespace = ns;
  for (const key of ['resources', 'bases'])
    for (const e of getSeq(root, key)) if (isScalar(e) && typeof e.value === 'string') k.resources.add(norm(e.value));
  for (const e of getSeq(root, 'components')) if (isScalar(e) && typeof e.value === 'string') k.components.add(norm(e.value));
  for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
    for (const e of getSeq(root, key)) {
      const path = isScalar(e) ? e.value : getScalar(e, 'path')?.value;
      if (typeof path === 'string') k.patches.add(norm(path));
    }
  }
  return k;
}

/** The same through `yaml` alone: the fallback, and the reference the fast path is tested against. */
export function readKustomizationWithYaml(text: string): Kustomization {
  return withKind(readWithYaml(text), text);
}

function readWithYaml(text: string): Kustomization {
  const k: Kustomization = { namespace: undefined, resources: new Set(), patches: new Set(), components: new Set() };
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
  if (Array.isArray(o.components)) for (const e of o.components) if (typeof e === 'string') k.components.add(norm(e));
  for (const key of ['patchesStrategicMerge', 'patches', 'patchesJson6902']) {
    const list = o[key];
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (typeof e === 'string') k.patches.add(norm(e));
      else if (e && typeof e === 'object' && typeof (e as { path?: unknown }).path === 'string')
        k.patches.add(norm((e as { path: string }).path));
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
  return {
    namespace: k.namespace,
    listedAsResource: k.resources.has(fileName),
    listedAsPatch: patchedElsewhere || k.patches.has(fileName),
  };
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
