/**
 * Whether Pods may listen on a port they do not declare (containerPort is informational):
 * their containers' args, command or env values, or a ConfigMap they use, name the number
 * (`--port 18080`, `LISTEN=:9000`, `endpoint: 0.0.0.0:5317`). What a template mentions
 * is read once, on first use, and kept with it (a ConfigMap's, when it is parsed): its
 * text never changes (an edit makes new objects), and rules ask about many port numbers.
 */
import type { Lookup } from '../index/lookup';
import { nsName } from '../index/tables';
import type { Mentions, PodTemplate } from '../model/resource';
import { get, getSeq, getStr, isScalar, isSeq, scalarTexts, type YNode } from '../model/ytree';
import { templatePorts } from '../parse/extractWorkload';

/**
 * Whether the Pods may listen on port number `n` without declaring it: they declare no
 * ports at all, or their containers or a ConfigMap they use name the number. Reads the
 * `cm:<ns>/<name>` entries of the ConfigMaps the template uses.
 */
export function mayListenUndeclared(lookup: Lookup, pt: PodTemplate, n: number): boolean {
  if (!declaresPorts(pt)) return true;
  const facts = (pt.listening ??= listeningOf(pt));
  if (mentionsNumber(facts.mentions, n)) return true;
  const ns = pt.owner.namespace;
  if (ns === undefined) return false;
  for (const name of facts.configMaps) {
    for (const cm of lookup.get('cm', nsName(ns, name))) if (cm.dataMentions && mentionsNumber(cm.dataMentions, n)) return true;
  }
  return false;
}

/** Whether a template declares any container port at all (unknown ports: numbers are not checked). */
export function declaresPorts(pt: PodTemplate): boolean {
  return templatePorts(pt).length > 0;
}

/**
 * Whether the texts name the number: `n` between non-digits (or the ends). For a whole
 * number that is one of their maximal runs of digits; anything else (a negative number,
 * say) is matched as written.
 */
function mentionsNumber(m: Mentions, n: number): boolean {
  const s = String(n);
  if (/^[0-9]+$/.test(s)) return (m.numbers ??= digitRuns(m.texts)).has(s);
  const token = new RegExp(`(^|[^0-9])${s}([^0-9]|$)`);
  return m.texts.some((t) => token.test(t));
}

function digitRuns(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const run of t.match(/[0-9]+/g) ?? []) out.add(run);
  return out;
}

function listeningOf(pt: PodTemplate): NonNullable<PodTemplate['listening']> {
  const nodes = pt.containers.flatMap((c) => [
    get(c.node, 'args'),
    get(c.node, 'command'),
    ...getSeq(c.node, 'env').map((e) => get(e, 'value')),
  ]);
  return { mentions: { texts: scalarTexts(nodes) }, configMaps: configMapsUsed(pt.owner.root) };
}

/** Names of the ConfigMaps a workload mounts or reads (`configMap`, `configMapRef`, `configMapKeyRef`). */
function configMapsUsed(root: YNode | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (n: YNode | undefined, depth: number): void => {
    if (!n || depth > 24 || isScalar(n)) return;
    if (isSeq(n)) return n.items.forEach((i) => walk(i, depth + 1));
    for (const p of n.pairs.values()) {
      const k = p.key;
      if (k === 'configMap' || k === 'configMapRef' || k === 'configMapKeyRef') {
        const name = getStr(p.value, 'name');
        if (name) out.add(name);
      } else walk(p.value, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
