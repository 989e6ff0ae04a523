/** Ingress, Gateway API route, NetworkPolicy and ReferenceGrant views. */
import type {
  Ingress,
  IngressBackend,
  IngressRule,
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyRule,
  ReferenceGrant,
  Route,
  RouteRule,
} from '../model/resource';
import { get, getMap, getSeq, getStr, isMap, isScalar, isSeq, pair, str, type Span, type YMap, type YNode } from '../model/ytree';
import { extractParentRefs } from './extractGateway';
import { labelSelector, locInt, locIntOrStr, locStr } from './located';

export function extractIngress(root: YMap): Ingress {
  const spec = get(root, 'spec');
  const rules: IngressRule[] = [];
  for (const r of getSeq(spec, 'rules')) {
    const paths: IngressRule['paths'] = [];
    for (const p of getSeq(r, 'http', 'paths')) {
      const b = ingressBackend(get(p, 'backend'));
      if (b) paths.push({ path: getStr(p, 'path') ?? '/', pathType: getStr(p, 'pathType'), backend: b, span: p.span });
    }
    rules.push({ host: locStr(r, 'host'), paths });
  }
  const tls = getSeq(spec, 'tls')
    .filter(isMap)
    .map((t) => ({
      hosts: getSeq(t, 'hosts').flatMap((h) => {
        const s = str(h);
        return s !== undefined ? [{ value: s, span: h.span }] : [];
      }),
      secretName: locStr(t, 'secretName'),
      span: t.span,
    }));
  return {
    ingressClassName: getStr(spec, 'ingressClassName'),
    rules,
    defaultBackend: ingressBackend(get(spec, 'defaultBackend') ?? get(spec, 'backend')),
    tls,
  };
}

/** Both the v1 `service: {name, port: {number|name}}` form and the old `serviceName`/`servicePort`. */
function ingressBackend(b: YNode | undefined): IngressBackend | undefined {
  if (!isMap(b)) return undefined;
  const svc = getMap(b, 'service');
  if (svc) {
    const serviceName = locStr(svc, 'name');
    if (!serviceName) return undefined;
    const port = get(svc, 'port');
    const portNumber = locInt(port, 'number');
    const portName = locStr(port, 'name');
    return {
      serviceName,
      portNumber,
      portName,
      portSpan: portNumber?.span ?? portName?.span ?? pair(svc, 'port')?.keySpan ?? serviceName.span,
      legacy: false,
      span: b.span,
    };
  }
  const legacyName = locStr(b, 'serviceName');
  if (!legacyName) return undefined;
  const sp = locIntOrStr(b, 'servicePort');
  const portNumber = sp && typeof sp.value === 'number' ? { value: sp.value, span: sp.span } : undefined;
  const portName = sp && typeof sp.value === 'string' ? { value: sp.value, span: sp.span } : undefined;
  return { serviceName: legacyName, portNumber, portName, portSpan: sp?.span ?? legacyName.span, legacy: true, span: b.span };
}

export function extractRoute(root: YMap): Route {
  const spec = get(root, 'spec');
  const rules: RouteRule[] = getSeq(spec, 'rules').map((r) => ({
    matchSummary: matchSummary(r),
    backendRefs: getSeq(r, 'backendRefs')
      .filter(isMap)
      .flatMap((b) => {
        const name = locStr(b, 'name');
        if (!name) return [];
        return [
          {
            group: getStr(b, 'group') ?? '',
            kind: getStr(b, 'kind') ?? 'Service',
            name,
            namespace: locStr(b, 'namespace'),
            port: locInt(b, 'port'),
            span: b.span,
          },
        ];
      }),
  }));
  const hostnamesAt = getSeq(spec, 'hostnames').flatMap((h) => {
    const s = str(h);
    return s !== undefined ? [{ value: s, span: h.span }] : [];
  });
  return {
    hostnames: hostnamesAt.map((h) => h.value),
    hostnamesAt,
    parentRefs: extractParentRefs(spec),
    rules,
  };
}

function matchSummary(rule: YNode): string {
  const parts: string[] = [];
  for (const m of getSeq(rule, 'matches')) {
    const path = get(m, 'path');
    if (path) parts.push(`${getStr(path, 'type') ?? 'PathPrefix'} ${getStr(path, 'value') ?? '/'}`);
    const method = get(m, 'method');
    // HTTPRoute: `method: GET`; GRPCRoute: `method: { service, method }`.
    const text = isMap(method) ? [getStr(method, 'service'), getStr(method, 'method')].filter(Boolean).join('/') : str(method);
    if (text) parts.push(text);
  }
  return parts.join(', ');
}

export function extractNetworkPolicy(root: YMap): NetworkPolicy {
  const spec = get(root, 'spec');
  const podSelector = policySelector(spec, 'podSelector', spec?.span ?? root.span);
  const typesNode = get(spec, 'policyTypes');
  const declared = isSeq(typesNode) ? typesNode.items.map((t) => str(t)).filter((t): t is string => t !== undefined) : undefined;
  const hasEgress = pair(spec, 'egress') !== undefined;
  // Without policyTypes (or with an empty list, which the API defaults the same way),
  // Ingress always applies and Egress applies when egress rules exist.
  const policyTypes = declared && declared.length > 0 ? declared : hasEgress ? ['Ingress', 'Egress'] : ['Ingress'];
  const ingressNode = get(spec, 'ingress');
  return {
    podSelector,
    policyTypes,
    ingress: policyRules(ingressNode, 'from'),
    egress: policyRules(get(spec, 'egress'), 'to'),
    // An `ingress` we cannot read (a map, a list of scalars) makes the API reject the
    // policy; we cannot prove it isolates anything, so it is taken to isolate nothing.
    isolatesIngress: policyTypes.includes('Ingress') && rulesReadable(ingressNode),
  };
}

/** `ingress:` absent, null or a list of maps (or nulls, which the API reads as `{}`). */
function rulesReadable(n: YNode | undefined): boolean {
  if (n === undefined || (isScalar(n) && n.value === null)) return true;
  return isSeq(n) && n.items.every((r) => isMap(r) || (isScalar(r) && r.value === null));
}

/**
 * A LabelSelector at `key` of a policy or peer. A selector map with keys other than
 * `matchLabels`/`matchExpressions` (the common `podSelector: {app: web}` slip, which the
 * API rejects) is marked invalid, so no rule guesses what it would select.
 */
function policySelector(parent: YNode | undefined, key: string, fallback: Span): LabelSelector {
  const p = pair(parent, key);
  const sel = labelSelector(p?.value, p?.keySpan ?? fallback);
  if (isMap(p?.value) && [...p.value.pairs.keys()].some((k) => k !== 'matchLabels' && k !== 'matchExpressions')) sel.invalid = true;
  return sel;
}

function policyRules(n: YNode | undefined, peerKey: 'from' | 'to'): NetworkPolicyRule[] {
  if (!isSeq(n)) return [];
  return n.items.map((r) => {
    const peersNode = get(r, peerKey);
    const portsNode = get(r, 'ports');
    return {
      // Empty or absent `from`/`to`: every peer; absent or empty `ports`: every port.
      peers:
        isSeq(peersNode) && peersNode.items.length > 0
          ? peersNode.items.map((p) => ({
              podSelector: pair(p, 'podSelector') ? policySelector(p, 'podSelector', p.span) : undefined,
              namespaceSelector: pair(p, 'namespaceSelector') ? policySelector(p, 'namespaceSelector', p.span) : undefined,
              ipBlock: pair(p, 'ipBlock') !== undefined,
              span: p.span,
            }))
          : undefined,
      ports:
        isSeq(portsNode) && portsNode.items.length > 0
          ? portsNode.items.map((p) => ({
              port: locIntOrStr(p, 'port'),
              endPort: locInt(p, 'endPort')?.value,
              protocol: (getStr(p, 'protocol') ?? 'TCP').toUpperCase(),
              span: p.span,
            }))
          : undefined,
      span: r.span,
    };
  });
}

export function extractReferenceGrant(root: YMap): ReferenceGrant {
  const spec = get(root, 'spec');
  return {
    from: getSeq(spec, 'from').map((f) => ({
      group: getStr(f, 'group') ?? '',
      kind: getStr(f, 'kind') ?? '',
      namespace: getStr(f, 'namespace') ?? '',
    })),
    to: getSeq(spec, 'to').map((t) => ({ group: getStr(t, 'group') ?? '', kind: getStr(t, 'kind') ?? '', name: getStr(t, 'name') })),
  };
}
