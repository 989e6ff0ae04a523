/** rules.md: a Service with more than one port has a port without a name (the API rejects it). */
import { servicePortMap, setKey } from '../links/services-edits';
import type { Fix } from '../model/finding';
import type { ServicePort } from '../model/resource';
import type { Span, YMap } from '../model/ytree';
import type { Rule } from './rule';

/** Conventional names for well-known ports. */
const wellKnown: Record<number, string> = {
  80: 'http',
  443: 'https',
  8080: 'http',
  8443: 'https',
  53: 'dns',
  9090: 'metrics',
  5432: 'postgres',
  3306: 'mysql',
  6379: 'redis',
  27017: 'mongodb',
  9092: 'kafka',
  5672: 'amqp',
  2379: 'etcd',
};

export const rule: Rule = {
  meta: {
    id: 'service-port-name-missing',
    severity: 'error',
    description: 'A Service with more than one port has a port without a name; the API rejects it.',
  },
  check(r, ctx) {
    const ports = r.service?.ports;
    if (!ports || ports.length < 2) return;
    const taken = new Set(ports.map((p) => p.name?.value).filter((n): n is string => !!n));
    for (const p of ports) {
      if (p.name && p.name.value !== '') continue;
      const fixes: Fix[] = [];
      const name = nameFor(p, taken);
      const map = servicePortMap(r, p);
      const edit = name && map ? setKey(r.file, map, 'name', name) : undefined;
      if (name && edit) {
        taken.add(name);
        fixes.push({ title: `Add name "${name}"`, preferred: true, edits: [edit] });
      }
      const desc = p.port ? `port ${p.port.value}${p.protocol !== 'TCP' ? `/${p.protocol}` : ''}` : `port #${p.index + 1}`;
      ctx.report({
        severity: 'error',
        message: `${desc.charAt(0).toUpperCase()}${desc.slice(1)} needs a name: ${name ? `add name: ${name}` : 'add one'}. Service ${r.name} has ${ports.length} ports, so each needs a name; the API rejects the Service.`,
        span: p.name?.span ?? p.port?.span ?? p.rawPort?.span ?? p.targetPort?.span ?? firstKey(map) ?? p.span,
        fixes,
      });
    }
  },
};

/** The span of a port item's first key, so a finding never covers a whole multi-line item. */
function firstKey(map: YMap | undefined): Span | undefined {
  const first = map?.pairs.values().next().value;
  return first ? [first.keySpan[0], first.value?.span[1] ?? first.keySpan[1]] : undefined;
}

/** A name from the targetPort name, else the well-known service, else "<proto>-<port>"; unique in the Service. */
function nameFor(p: ServicePort, taken: ReadonlySet<string>): string | undefined {
  const t = p.targetPort?.value;
  const proto = p.protocol.toLowerCase();
  const n = p.port?.value ?? (typeof t === 'number' && t > 0 ? t : undefined);
  const candidates: string[] = [];
  if (typeof t === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(t) && t.length <= 63) candidates.push(t);
  if (n !== undefined) {
    const known = wellKnown[n];
    if (known) candidates.push(known, `${known}-${proto}`);
    candidates.push(`${proto}-${n}`, `port-${n}`);
  }
  return candidates.find((c) => !taken.has(c));
}
