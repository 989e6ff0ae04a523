/** Quick-fix edits on Gateway listeners. */
import type { Fix } from '../model/finding';
import type { Listener, Resource } from '../model/resource';
import { getSeq, isMap, type YMap } from '../model/ytree';
import { keyIndent } from './edits';

/** The YAML map of a listener of a Gateway or ListenerSet. */
function listenerMap(owner: Resource, l: Listener): YMap | undefined {
  return getSeq(owner.root, 'spec', 'listeners').find((n): n is YMap => isMap(n) && n.span[0] === l.span[0]);
}

/**
 * A listener whose `allowedRoutes.namespaces.from` is Same (or absent) admits the route's
 * namespace too: `from: Selector` on `kubernetes.io/metadata.name` In [its own, the route's].
 */
export function admitNamespaceFix(owner: Resource, l: Listener, ns: string): Fix | undefined {
  if (l.namespaces.from !== 'Same' || owner.namespace === undefined) return undefined;
  const map = listenerMap(owner, l);
  if (!map) return undefined;
  const file = owner.file;
  const selector = (indent: string): string =>
    `from: Selector\n${indent}selector:\n${indent}  matchExpressions:\n${indent}    - key: kubernetes.io/metadata.name\n${indent}      operator: In\n${indent}      values: [${owner.namespace}, ${ns}]`;
  const title = `Admit routes from namespace ${ns} on listener ${l.name.value}`;
  const fromPair = map.pairs.get('allowedRoutes')?.value;
  const nsMap = isMap(fromPair) ? fromPair.pairs.get('namespaces')?.value : undefined;
  const from = isMap(nsMap) ? nsMap.pairs.get('from') : undefined;
  if (from?.value && isMap(nsMap)) {
    const indent = keyIndent(file, from.keySpan[0]);
    return { title, edits: [{ file, span: [from.keySpan[0], from.value.span[1]], newText: selector(indent) }] };
  }
  if (fromPair !== undefined) return undefined;
  // No allowedRoutes: add one after the listener's last line.
  const first = map.pairs.values().next().value;
  if (!first) return undefined;
  const indent = keyIndent(file, first.keySpan[0]);
  let end = map.span[1];
  while (end > map.span[0] && /\s/.test(file.text[end - 1] ?? '')) end--;
  const inner = `${indent}    `;
  return {
    title,
    edits: [{ file, span: [end, end], newText: `\n${indent}allowedRoutes:\n${indent}  namespaces:\n${indent}    ${selector(inner)}` }],
  };
}
