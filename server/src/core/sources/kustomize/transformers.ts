/**
 * kustomize's builtin transformers that set fields: namespace, namePrefix/nameSuffix,
 * labels, annotations, replicas, images. Each new or changed value is placed at the
 * kustomization line that gave it, or keeps its place with a note.
 */
import { gvkOf, specApplies, walkSpec, type FieldSpec } from './fieldspecs';
import { getMap, getStr, newMap, noteChange, scalar, setPair } from './nodes';
import { curId, isClusterScoped, orgId, storePrevious, type Res } from './resmap';
import type { BMap, BNode, BScalar, Place } from './types';

/** Where a transformer's setting is written, and how to name it in a note. */
export interface Origin extends Place {
  /** "overlays/prod/kustomization.yaml:5" */
  label: string;
}

function gvk(r: Res) {
  return gvkOf(getStr(r.root, 'apiVersion') ?? '', getStr(r.root, 'kind') ?? '');
}

/** Set a scalar field to a value given at `at` (the value's text is there now). */
function setScalar(parent: BMap, key: string, value: string | number, at: Place, keyAt: Place): void {
  const p = parent.pairs.get(key);
  if (p?.value?.t === 'scalar' && p.value.value === value) return;
  setPair(parent, key, scalar(value, at), keyAt);
}

export function setNamespace(list: Res[], ns: string, at: Place, specs: FieldSpec[]): void {
  for (const r of list) {
    const g = gvk(r);
    const id = curId(r);
    if (!isClusterScoped(g.kind) && id.namespace !== ns) {
      storePrevious(r);
      const meta = metadata(r, at);
      setScalar(meta, 'namespace', ns, at, at);
    }
    if (g.kind === 'RoleBinding' || g.kind === 'ClusterRoleBinding') {
      const subjects = r.root.pairs.get('subjects')?.value;
      if (subjects?.t === 'seq')
        for (const s of subjects.items) if (s.t === 'map' && getStr(s, 'name') === 'default') setScalar(s, 'namespace', ns, at, at);
    }
    const apiVersion = getStr(r.root, 'apiVersion');
    for (const fs of specs) {
      if (!specApplies(fs, g) || (fs.path.join('/') === 'metadata/name' && apiVersion !== 'v1')) continue;
      if (fs.path.join('/') === 'metadata/name' && id.name !== ns) storePrevious(r);
      walkSpec(r.root, fs, at, (parent, key) => setScalar(parent, key, ns, at, at));
    }
  }
}

function metadata(r: Res, at: Place): BMap {
  let meta = getMap(r.root, 'metadata');
  if (!meta) {
    meta = newMap(at);
    setPair(r.root, 'metadata', meta, at);
  }
  return meta;
}

const prefixSkips = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

/** namePrefix / nameSuffix on metadata.name (and the configured fields). */
export function addAffix(list: Res[], affix: string, kind: 'namePrefix' | 'nameSuffix', origin: Origin, specs: FieldSpec[]): void {
  for (const r of list) {
    const org = orgId(r);
    if (prefixSkips.has(org.kind) && (org.kind !== 'APIService' || org.group === 'apiregistration.k8s.io')) continue;
    for (const fs of specs) {
      if (!specApplies(fs, org)) continue;
      if (fs.path.join('/') === 'metadata/name') storePrevious(r);
      walkSpec(r.root, fs, undefined, (parent, key) => {
        const v = parent.pairs.get(key)?.value;
        if (v?.t !== 'scalar' || v.value === null) return;
        const s = String(v.value);
        v.value = kind === 'namePrefix' ? affix + s : s + affix;
        v.quoted = true;
        noteChange(v, `${kind} ${affix} from ${origin.label}`, origin);
      });
    }
  }
}

export interface KV {
  key: string;
  value: string;
  keyAt: Place;
  valueAt: Place;
}

/** Labels or annotations: each pair set in every map the specs name (maps made where the spec creates them). */
export function setPairs(list: Res[], kvs: KV[], specs: FieldSpec[], at: Place): void {
  if (kvs.length === 0) return;
  for (const r of list) {
    const g = gvk(r);
    for (const fs of specs) {
      if (!specApplies(fs, g)) continue;
      walkSpec(r.root, fs, at, (parent, key) => {
        let m = parent.pairs.get(key)?.value;
        if (!m || (m.t === 'scalar' && m.value === null)) {
          m = newMap(at);
          setPair(parent, key, m, at);
        }
        if (m.t !== 'map') return;
        for (const kv of kvs) setPair(m, kv.key, scalar(kv.value, kv.valueAt), kv.keyAt);
      });
    }
  }
}

/** `replicas:` entries: the count set on every object of a scalable kind with that name. */
export function setReplicas(list: Res[], name: string, count: number, specs: FieldSpec[], at: Place, keyAt: Place): boolean {
  let found = false;
  for (const fs of specs) {
    for (const r of list) {
      const ids = [...r.prev, curId(r)];
      if (!ids.some((id) => id.name === name && specApplies(fs, id))) continue;
      found = true;
      walkSpec(r.root, fs, keyAt, (parent, key) => setScalar(parent, key, count, at, keyAt));
    }
  }
  return found;
}

export interface ImageSetting {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

/** An image reference as name, tag and digest (a registry's port is part of the name). */
export function splitImage(s: string): { name: string; tag: string; digest: string } {
  let rest = s;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, tag: '', digest };
}

/** `images:` entries: every container image (in any containers/initContainers list) of that name. */
export function setImages(list: Res[], img: ImageSetting, origin: Origin): void {
  const visit = (n: BNode | undefined): void => {
    if (!n) return;
    if (n.t === 'seq') n.items.forEach(visit);
    if (n.t !== 'map') return;
    for (const [k, p] of n.pairs) {
      if ((k === 'containers' || k === 'initContainers') && p.value?.t === 'seq') {
        for (const c of p.value.items) {
          const image = c.t === 'map' ? c.pairs.get('image')?.value : undefined;
          if (image?.t === 'scalar' && typeof image.value === 'string') updateImage(image, img, origin);
        }
      } else visit(p.value);
    }
  };
  for (const r of list) visit(r.root);
}

function updateImage(node: BScalar, img: ImageSetting, origin: Origin): void {
  const value = String(node.value);
  const parts = splitImage(value);
  if (parts.name !== img.name) return;
  let { name, tag, digest } = parts;
  if (img.newName) name = img.newName;
  if (img.newTag && img.digest) [tag, digest] = [img.newTag, img.digest];
  else if (img.newTag) [tag, digest] = [img.newTag, ''];
  else if (img.digest) [tag, digest] = ['', img.digest];
  else if (img.tagSuffix) [tag, digest] = [tag + img.tagSuffix, ''];
  const out = name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  if (out === value) return;
  node.value = out;
  // The new text is the kustomization's: the value now points there, and says what it was.
  node.src = { path: origin.path, span: origin.span, note: `images from ${origin.label} (was ${value} in ${node.src.path})`, by: [origin] };
}
