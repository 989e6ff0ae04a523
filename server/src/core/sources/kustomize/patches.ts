/** Loading patches (files or inline text) and applying them to the objects they target. */
import type { YNode } from '../../model/ytree';
import { applyJsonPatch, type JsonOp } from './json6902';
import { parseYaml, type ParsedFile } from './load';
import { fromY, get, getMap, getStr, setPair } from './nodes';
import { curId, idString, sameId, select, type Res, type ResId, type Selector } from './resmap';
import { applySmp } from './smp';
import type { BMap, BNode, Place } from './types';
import { gvkOf } from './fieldspecs';

/** A patch's text as trees placed in its file: `shift` maps an offset of the text to one of the file (inline patches). */
export interface PatchSource {
  path: string;
  text: string;
  shift: (offset: number) => number;
  at: Place;
}

export interface LoadedPatch {
  smp: BMap[];
  json?: JsonOp[];
  error?: string;
}

function placed(n: YNode, src: PatchSource): BNode {
  const b = fromY(n, src.path, src.text);
  const move = (x: BNode): void => {
    const span = [src.shift(x.span[0]), src.shift(x.span[1])] as const;
    x.span = span;
    x.src = { path: src.path, span };
    if (x.t === 'seq') x.items.forEach(move);
    if (x.t === 'map') {
      for (const p of x.pairs.values()) {
        p.keySpan = [src.shift(p.keySpan[0]), src.shift(p.keySpan[1])];
        p.keySrc = { path: src.path, span: p.keySpan };
        if (p.value) move(p.value);
      }
    }
  };
  move(b);
  return b;
}

/** Parse a patch: a JSON 6902 list (YAML or JSON) or strategic merge documents. */
export function loadPatch(src: PatchSource, parse: (key: string, text: string) => ParsedFile = (_k, t) => parseYaml(t)): LoadedPatch {
  const parsed = parse(`${src.path}#${src.at.span[0]}`, src.text);
  if (parsed.error) return { smp: [], error: `patch is not valid YAML: ${parsed.error.message}` };
  const docs = parsed.docs.map((d) => placed(d, src));
  const first = docs[0];
  if (first?.t === 'seq' || src.text.trimStart().startsWith('[')) {
    const ops: JsonOp[] = [];
    for (const op of first?.t === 'seq' ? first.items : []) {
      if (op.t !== 'map') continue;
      ops.push({
        op: getStr(op, 'op') ?? '',
        path: getStr(op, 'path') ?? '',
        from: getStr(op, 'from'),
        value: get(op, 'value'),
        at: { path: src.path, span: op.span },
      });
    }
    return { smp: [], json: ops };
  }
  return { smp: docs.filter((d): d is BMap => d.t === 'map') };
}

function patchId(p: BMap): ResId {
  const g = gvkOf(getStr(p, 'apiVersion') ?? '', getStr(p, 'kind') ?? '');
  return { ...g, name: getStr(p, 'metadata', 'name') ?? '', namespace: getStr(p, 'metadata', 'namespace') ?? '' };
}

/** Apply one SMP document to one object, keeping its name and kind unless the options allow a change. */
function smpOnto(list: Res[], r: Res, patch: BMap, keepName: boolean): void {
  const before = curId(r);
  const nameNode = getMap(r.root, 'metadata')?.pairs.get('name')?.value;
  const kindNode = r.root.pairs.get('kind')?.value;
  if (applySmp(r.root, patch, before.kind) === 'delete') {
    list.splice(list.indexOf(r), 1);
    return;
  }
  if (keepName) {
    const meta = getMap(r.root, 'metadata');
    if (meta && nameNode) setPair(meta, 'name', nameNode, { path: nameNode.src.path, span: nameNode.span });
    if (kindNode) setPair(r.root, 'kind', kindNode, { path: kindNode.src.path, span: kindNode.span });
  } else if (curId(r).name !== before.name) r.prev.push(before);
}

export interface PatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

/** kustomize's error for a patch; `readsBody`: an operation found the object's body other than it needs (a path missing). */
export interface PatchFailure {
  message: string;
  readsBody?: true;
}

/**
 * Apply a loaded patch: with a target, to every object it selects; an SMP without one, to the
 * object its own id names (exactly one, or kustomize's error). Returns kustomize's error, if any.
 */
export function applyPatch(
  list: Res[],
  p: LoadedPatch,
  target: Selector | undefined,
  opts: PatchOptions,
  label: string,
): PatchFailure | undefined {
  const failed = (message: string): PatchFailure => ({ message });
  if (p.error) return failed(p.error);
  if (p.json) {
    if (!target) return failed(`must specify a target for JSON patch ${label}`);
    for (const r of select(list, target)) {
      const before = curId(r);
      const err = applyJsonPatch(r.root, p.json);
      if (err) return { message: `${err} (patch ${label}, object ${idString(before)})`, readsBody: true };
      if (!sameId(before, curId(r))) r.prev.push(before);
    }
    return undefined;
  }
  if (target) {
    if (p.smp.length > 1)
      return failed(`Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${label}`);
    const patch = p.smp[0];
    if (!patch) return undefined;
    for (const r of select(list, target)) smpOnto(list, r, patch, !opts.allowNameChange);
    return undefined;
  }
  for (const patch of p.smp) {
    const id = patchId(patch);
    const found = list.filter((r) => sameId(curId(r), id) || r.prev.some((x) => sameId(x, id)));
    if (found.length !== 1) {
      const why = found.length > 1 ? `multiple matches for Id ${idString(id)}` : `no matches for Id ${idString(id)}`;
      return failed(
        `no resource matches strategic merge patch "${idString(id)}": ${why}; failed to find unique target for patch ${idString(id)}`,
      );
    }
    smpOnto(list, found[0]!, patch, !opts.allowNameChange);
  }
  return undefined;
}
