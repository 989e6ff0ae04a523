/**
 * The kustomize evaluator reads the index's trees of a file rather than parsing it again
 * (sources/kustomize/types.ts `SourceFs.trees`): each document that became one resource
 * with its whole tree gives that tree; one whose body the index kept nothing of (a RoleBinding,
 * a PrometheusRule) is handed over to be read from its header (apiVersion, kind, metadata);
 * every other document (a CustomResourceDefinition read from its header, a List, a document of
 * no object) is handed over as text to parse. A file
 * whose reading found anything (a syntax error, a duplicate key) is parsed whole by the
 * evaluator, which reports what kustomize would.
 */
import type { SourceFile } from '../model/resource';
import type { YNode } from '../model/ytree';
import { blockTree } from '../parse/blockTree';
import { crdHeader } from '../sources/kustomize/load';
import { MapNode, PairNode, SeqNode } from '../parse/nodes';
import { sniff, splitDocuments, type DocChunk } from '../parse/documents';
import { readerRules } from '../parse/readYaml';

/**
 * Kinds whose views come from their bodies without a tree kept (a ConfigMap's data, a
 * Certificate's secret), and those a generator merges into (ConfigMap, Secret): read whole.
 */
const bodyViews: ReadonlySet<string> = new Set(['ConfigMap', 'Secret', 'Certificate']);

export function indexedTrees(file: SourceFile | undefined, text: string): (DocChunk | YNode)[] | undefined {
  if (!file || file.text !== text || file.excluded || file.segments || file.resources.length === 0) return undefined;
  if (file.problems.some((p) => readerRules.has(p.rule))) return undefined;
  const out: (DocChunk | YNode)[] = [];
  const rs = file.resources;
  let i = 0;
  for (const chunk of splitDocuments(text)) {
    const end = chunk.start + chunk.text.length;
    const first = i;
    while (i < rs.length && rs[i]!.span[0] < end) i++;
    const r = i - first === 1 ? rs[first]! : undefined;
    // One resource whose tree is the document's: not an item of a List (whose kind the document's top level names).
    const whole = r !== undefined && r.span[0] >= chunk.start && sniff(chunk.text).kind === r.kind;
    if (whole && r.root) out.push(r.root);
    // The index kept no tree and no view of its body: nothing a traffic path or a rule reads is in it.
    else if (whole && !bodyViews.has(r.kind)) out.push({ start: chunk.start, text: chunk.text, header: true });
    else out.push(chunk);
  }
  return i === rs.length ? out : undefined;
}

/** Top-level keys of an object's header: all its id is made of (kind, name, namespace) and its labels. */
const headerKeys: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

function headerOf(m: MapNode): MapNode {
  const [from, to] = m.span;
  return new MapNode(
    m.list.filter((p) => headerKeys.has(p.key)),
    from,
    to,
  );
}

/**
 * `indexedTrees` with each object's tree cut to its header (the index's own pairs, shared):
 * for a build that takes those objects from an earlier one and needs only their ids (see
 * `SourceFs.headers`). A List is parsed here and kept as its items' headers, a typed List read
 * from its header (kube-prometheus's dashboards are a 1 MB ConfigMapList: its parse took 5 ms,
 * and it would be kept with the build's).
 */
export function indexedHeaders(file: SourceFile | undefined, text: string): (DocChunk | YNode)[] | undefined {
  const parts = indexedTrees(file, text);
  if (!parts) return undefined;
  return parts.map((p) => {
    if (p instanceof MapNode) return headerOf(p);
    if ('t' in p || p.header) return p;
    const kind = sniff(p.text).kind ?? '';
    // A ConfigMap, Secret or Certificate: its header too (the index read views from its body).
    if (bodyViews.has(kind)) return { ...p, header: true };
    if (!kind.endsWith('List')) return p;
    // A typed List (ConfigMapList) is one object to the evaluator: its header, read where it is.
    if (kind !== 'List') return crdHeader(p, true, false) ?? p;
    if (p.text.includes('*')) return p;
    const list = blockTree(p.text, p.start);
    if (!(list instanceof MapNode)) return p;
    const items = list.get('items');
    if (getKind(list) !== 'List' || !(items?.value instanceof SeqNode)) return headerOf(list);
    const [from, to] = items.value.span;
    const [keyFrom, keyTo] = items.keySpan;
    const headers = new SeqNode(
      items.value.items.map((i) => (i instanceof MapNode ? headerOf(i) : i)),
      from,
      to,
    );
    const [lf, lt] = list.span;
    return new MapNode([...headerOf(list).list, new PairNode('items', headers, keyFrom, keyTo)], lf, lt);
  });
}

function getKind(m: MapNode): unknown {
  const k = m.get('kind')?.value;
  return k?.t === 'scalar' ? k.value : undefined;
}
