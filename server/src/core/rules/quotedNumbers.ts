/**
 * Numbers written in quotes where the API wants an integer (`containerPort: "8080"`, `port:
 * "80"`, `nodePort: "30080"`, an Ingress `port.number: "80"`, a route `port: "80"`): JSON
 * decoding fails on them (`cannot unmarshal string into Go struct field … of type int32`),
 * so the API rejects the object. Helm's `| quote` makes them. The typed views read them as
 * the number meant (parse/located.ts), so links resolve and nothing else cascades; this
 * finds them to report, for field-type-invalid.
 */
import type { Resource } from '../model/resource';
import { getMap, getSeq, isMap, isScalar, type YNode, type YScalar } from '../model/ytree';
import { templateMaps } from '../links/services-edits';

/** A string of digits only: a number in quotes (or a `!!str` number). */
export function isQuotedNumber(n: YNode | undefined): n is YScalar {
  return isScalar(n) && typeof n.value === 'string' && /^[0-9]+$/.test(n.value);
}

export interface QuotedNumber {
  field: string;
  node: YScalar;
}

/** The quoted numbers in the integer port fields of a resource. */
export function quotedIntegers(r: Resource): QuotedNumber[] {
  const out: QuotedNumber[] = [];
  const root = r.root;
  if (!root) return out;
  const take = (m: YNode | undefined, field: string, label = field): void => {
    const v = isMap(m) ? m.pairs.get(field)?.value : undefined;
    if (isQuotedNumber(v)) out.push({ field: label, node: v });
  };
  if (r.service) for (const p of getSeq(root, 'spec', 'ports')) for (const f of ['port', 'nodePort']) take(p, f);
  if (r.podTemplate) {
    const spec = getMap(templateMaps(r.podTemplate).template, 'spec');
    for (const key of ['containers', 'initContainers'])
      for (const c of getSeq(spec, key)) for (const p of getSeq(c, 'ports')) for (const f of ['containerPort', 'hostPort']) take(p, f);
  }
  if (r.ingress) {
    const backends: YNode[] = [];
    const spec = getMap(root, 'spec');
    const dflt = spec?.pairs.get('defaultBackend')?.value;
    if (dflt) backends.push(dflt);
    for (const rule of getSeq(spec, 'rules'))
      for (const p of getSeq(getMap(rule, 'http'), 'paths')) if (isMap(p)) backends.push(p.pairs.get('backend')?.value ?? p);
    for (const b of backends) take(getMap(b, 'service', 'port'), 'number', 'port.number');
  }
  if (r.route) for (const rule of getSeq(root, 'spec', 'rules')) for (const b of getSeq(rule, 'backendRefs')) take(b, 'port');
  return out;
}

/**
 * The quoted numbers in int-or-string port fields (a Service `targetPort`, an httpGet or
 * tcpSocket probe `port`, a NetworkPolicy `port`, an old Ingress `servicePort`): there a string
 * is a port *name*, and a name of digits only is invalid ("must contain at least one letter").
 * Also a gRPC probe's `port`, an integer field: its quoted numbers are in `integers`.
 */
export function quotedPortNames(r: Resource): { names: QuotedNumber[]; integers: QuotedNumber[] } {
  const names: QuotedNumber[] = [];
  const integers: QuotedNumber[] = [];
  const root = r.root;
  if (!root) return { names, integers };
  const take = (into: QuotedNumber[], m: YNode | undefined, field: string, label = field): void => {
    const v = isMap(m) ? m.pairs.get(field)?.value : undefined;
    if (isQuotedNumber(v)) into.push({ field: label, node: v });
  };
  if (r.service) for (const p of getSeq(root, 'spec', 'ports')) take(names, p, 'targetPort');
  if (r.podTemplate) {
    const spec = getMap(templateMaps(r.podTemplate).template, 'spec');
    for (const key of ['containers', 'initContainers']) {
      for (const c of getSeq(spec, key)) {
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          for (const h of ['httpGet', 'tcpSocket']) take(names, getMap(c, probe, h), 'port', `${probe} ${h} port`);
          take(integers, getMap(c, probe, 'grpc'), 'port', `${probe} grpc port`);
        }
      }
    }
  }
  if (r.networkPolicy)
    for (const dir of ['ingress', 'egress'])
      for (const rule of getSeq(root, 'spec', dir)) for (const p of getSeq(rule, 'ports')) take(names, p, 'port', 'NetworkPolicy port');
  if (r.ingress) {
    const spec = getMap(root, 'spec');
    const backends: YNode[] = [];
    for (const k of ['defaultBackend', 'backend']) {
      const b = spec?.pairs.get(k)?.value;
      if (b) backends.push(b);
    }
    for (const rule of getSeq(spec, 'rules'))
      for (const p of getSeq(getMap(rule, 'http'), 'paths')) {
        const b = getMap(p, 'backend');
        if (b) backends.push(b);
      }
    for (const b of backends) take(names, b, 'servicePort');
  }
  return { names, integers };
}
