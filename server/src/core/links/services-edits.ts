/**
 * Quick-fix edits for the Service and node-port rules (and the code actions that reuse
 * them): set one key of a Service or container port, add labels to a pod template, add a
 * container port. Built on rules/edits.ts so indentation and comments survive.
 */
import type { Fix, TextEditSpec } from '../model/finding';
import type { Container, ContainerPort, PodTemplate, Resource, ServicePort, SourceFile } from '../model/resource';
import { get, getMap, getSeq, isMap, isScalar, isSeq, pair, type YMap } from '../model/ytree';
import { addNestedMap, addToMap, deleteLines, indentAt, keyIndent, replaceSpan, yamlScalar } from '../rules/edits';
import type { Lookup } from '../index/lookup';
import { freeNodePort } from './services';

/** The map of one `spec.ports[]` item of a Service. */
export function servicePortMap(r: Resource, p: ServicePort): YMap | undefined {
  const item = getSeq(r.root, 'spec', 'ports')[p.index];
  return isMap(item) && item.span[0] === p.span[0] ? item : undefined;
}

/**
 * A free nodePort in range near `near` (none of `suggested`, which gets it), and the
 * preferred fix that writes it into port `p` of Service `r`; `free` is undefined when no
 * port is free or the port cannot be edited.
 */
export function freeNodePortFix(
  lookup: Lookup,
  r: Resource,
  p: ServicePort,
  near: number,
  suggested: Set<number>,
): { free?: number; fixes: Fix[] } {
  const free = freeNodePort(lookup, near, suggested);
  const map = servicePortMap(r, p);
  const fixes: Fix[] = [];
  const edit = free !== undefined && map ? setKey(r.file, map, 'nodePort', free) : undefined;
  if (free !== undefined && edit) {
    suggested.add(free);
    fixes.push({ title: `Replace nodePort with ${free} (free)`, preferred: true, edits: [edit] });
  }
  // Or let the cluster choose: without nodePort the API server assigns a free one.
  const np = map && pair(map, 'nodePort');
  if (np)
    fixes.push({
      title: 'Remove nodePort (the cluster assigns a free one)',
      edits: [deleteLines(r.file, np.keySpan[0], np.value?.span[1] ?? np.keySpan[1])],
    });
  return free !== undefined && edit ? { free, fixes } : { fixes };
}

/** The map of one `ports[]` item of a container. */
export function containerPortMap(cp: ContainerPort): YMap | undefined {
  const item = getSeq(cp.container.node, 'ports').find((n) => n.span[0] === cp.span[0]);
  return isMap(item) ? item : undefined;
}

/** Set `key: value` in a block or flow map: replace the scalar when present, else add the key. */
export function setKey(file: SourceFile, map: YMap, key: string, value: string | number): TextEditSpec | undefined {
  const p = pair(map, key);
  if (!p) return addToMap(file, map, [[key, value]]);
  if (!isScalar(p.value)) return undefined;
  if (p.value.value === null) {
    // `key:` with no value: its span may be empty, right after the colon.
    const at = p.value.span[1] > p.value.span[0] ? p.value.span : ([p.keySpan[1] + 1, p.keySpan[1] + 1] as const);
    const before = file.text[at[0] - 1];
    return replaceSpan(file, at, (before === ':' ? ' ' : '') + yamlScalar(value));
  }
  return replaceSpan(file, p.value.span, yamlScalar(value));
}

/** The YAML maps of a pod template: the template itself (a Pod's root) and its metadata. */
export function templateMaps(pt: PodTemplate): { template: YMap | undefined; metadata: YMap | undefined } {
  const root = pt.owner.root;
  const template =
    pt.owner.kind === 'Pod'
      ? root
      : pt.owner.kind === 'CronJob'
        ? getMap(root, 'spec', 'jobTemplate', 'spec', 'template')
        : getMap(root, 'spec', 'template');
  return { template, metadata: getMap(template, 'metadata') };
}

function isFlow(file: SourceFile, map: YMap): boolean {
  return file.text.slice(map.span[0], map.span[1]).startsWith('{');
}

/**
 * Add (or change) Pod labels of a template: into `metadata.labels` when it is a map,
 * else a new `labels:` under `metadata:`, else a new `metadata:` with `labels:`. Keys
 * already present get their value replaced. Undefined when the YAML has a shape we do
 * not edit safely (e.g. `labels:` holding a scalar).
 */
export function setTemplateLabels(pt: PodTemplate, entries: [string, string][]): TextEditSpec[] | undefined {
  const file = pt.owner.file;
  const { template, metadata } = templateMaps(pt);
  if (entries.length === 0) return undefined;
  const labels = get(metadata, 'labels');
  if (isMap(labels)) {
    const edits: TextEditSpec[] = [];
    const added: [string, string][] = [];
    for (const [k, v] of entries) {
      const cur = pair(labels, k)?.value;
      if (cur === undefined) added.push([k, v]);
      else if (isScalar(cur) && cur.value !== null) edits.push(replaceSpan(file, cur.span, yamlScalar(v)));
      else return undefined;
    }
    if (added.length > 0) edits.push(addToMap(file, labels, added));
    return edits;
  }
  if (labels !== undefined) return undefined;
  if (metadata) return isFlow(file, metadata) ? undefined : [addNestedMap(file, metadata, 'labels', entries)];
  if (!template || isFlow(file, template)) return undefined;
  // No metadata at all: `metadata:` then `labels:` then the pairs, each level two spaces in.
  const base = addToMap(file, template, [['metadata', '']]);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\r?\n([ \t]*)/.exec(base.newText)?.[1] ?? '';
  const lines = [`${indent}metadata:`, `${indent}  labels:`, ...entries.map(([k, v]) => `${indent}    ${k}: ${yamlScalar(v)}`)];
  return [{ ...base, newText: lines.map((l) => eol + l).join('') }];
}

/**
 * Add one item to a container's `ports:` (block or flow sequence), or a new `ports:` key
 * with that item. `entries` are the item's keys in order (containerPort first).
 */
export function addContainerPort(file: SourceFile, ctr: Container, entries: [string, string | number][]): TextEditSpec | undefined {
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const p = pair(ctr.node, 'ports');
  if (!p) {
    const base = addToMap(file, ctr.node, [['ports', '']]);
    const indent = /^\r?\n([ \t]*)/.exec(base.newText)?.[1] ?? '';
    const item = entries.map(([k, v], i) => `${eol}${indent}${i === 0 ? '  - ' : '    '}${k}: ${yamlScalar(v)}`).join('');
    return { ...base, newText: `${eol}${indent}ports:${item}` };
  }
  const seq = p.value;
  if (!isSeq(seq)) return undefined;
  const text = file.text.slice(seq.span[0], seq.span[1]);
  if (text.startsWith('[')) {
    const close = seq.span[0] + text.lastIndexOf(']');
    const item = `{${entries.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ')}}`;
    return replaceSpan(file, [close, close], (seq.items.length > 0 ? ', ' : '') + item);
  }
  const first = seq.items[0];
  if (!first) return undefined;
  // The dash sits at the indentation of the first item's line; keys go two columns right of it.
  const dash = indentAt(file, first.span[0]);
  const keys = keyIndent(file, first.span[0]);
  if (keys.length !== dash.length + 2) return undefined;
  let last = seq.span[1];
  while (last > seq.span[0] && /\s/.test(file.text[last - 1] ?? '')) last--;
  const nl = file.text.indexOf('\n', last);
  let at = nl === -1 ? file.text.length : nl;
  if (file.text[at - 1] === '\r') at--;
  // A trailing comment on the last line stays where it is: insert after it.
  const item = entries.map(([k, v], i) => `${eol}${i === 0 ? `${dash}- ` : keys}${k}: ${yamlScalar(v)}`).join('');
  return replaceSpan(file, [at, at], item);
}
