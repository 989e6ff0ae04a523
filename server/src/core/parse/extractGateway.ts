/** Gateway API views: Gateways and ListenerSets with their listeners, parentRefs, BackendTLSPolicies. */
import type { AllowedNamespaces, BackendTLSPolicy, Gateway, Listener, ParentRef } from '../model/resource';
import { get, getMap, getSeq, getStr, isMap, pair, type YMap, type YNode } from '../model/ytree';
import { labelSelector, locInt, locStr } from './located';

/** One `parentRefs[]` entry (or a ListenerSet's `parentRef`), with the API's defaults for group and kind. */
export function extractParentRef(p: YMap): ParentRef {
  const nameAt = locStr(p, 'name');
  const namespaceAt = locStr(p, 'namespace');
  const sectionNameAt = locStr(p, 'sectionName');
  return {
    name: nameAt?.value ?? '',
    namespace: namespaceAt?.value || undefined,
    sectionName: sectionNameAt?.value || undefined,
    group: getStr(p, 'group') ?? 'gateway.networking.k8s.io',
    kind: getStr(p, 'kind') ?? 'Gateway',
    port: locInt(p, 'port'),
    nameAt,
    namespaceAt,
    sectionNameAt,
    span: p.span,
  };
}

/** `spec.parentRefs` of a route. */
export function extractParentRefs(spec: YNode | undefined): ParentRef[] {
  return getSeq(spec, 'parentRefs').filter(isMap).map(extractParentRef);
}

/** A Gateway's or ListenerSet's spec. */
export function extractGateway(root: YMap, kind: string): Gateway {
  const spec = get(root, 'spec');
  const listeners = getSeq(spec, 'listeners')
    .filter(isMap)
    .flatMap((l) => {
      const name = locStr(l, 'name');
      return name ? [extractListener(l, name)] : [];
    });
  const gw: Gateway = { className: locStr(spec, 'gatewayClassName'), listeners };
  if (kind === 'ListenerSet' || kind === 'XListenerSet') {
    const p = getMap(spec, 'parentRef');
    if (p) gw.parentRef = extractParentRef(p);
  } else {
    const al = getMap(spec, 'allowedListeners', 'namespaces');
    if (al) gw.allowedListeners = allowedNamespaces(al, al.span, 'None');
  }
  return gw;
}

function allowedNamespaces(ns: YMap | undefined, fallback: readonly [number, number], dflt: string): AllowedNamespaces {
  const from = locStr(ns, 'from');
  const sel = pair(ns, 'selector');
  return { from: from?.value ?? dflt, selector: sel ? labelSelector(sel.value, sel.keySpan) : undefined, span: from?.span ?? fallback };
}

function extractListener(l: YMap, name: Listener['name']): Listener {
  const tls = getMap(l, 'tls');
  const ar = pair(l, 'allowedRoutes');
  const kindsNode = get(ar?.value, 'kinds');
  return {
    name,
    port: locInt(l, 'port'),
    protocol: locStr(l, 'protocol'),
    hostname: locStr(l, 'hostname'),
    tlsMode: tls ? (getStr(tls, 'mode') ?? 'Terminate') : undefined,
    certificateRefs: getSeq(tls, 'certificateRefs')
      .filter(isMap)
      .flatMap((c) => {
        const n = locStr(c, 'name');
        return n
          ? [
              {
                group: getStr(c, 'group') ?? '',
                kind: getStr(c, 'kind') ?? 'Secret',
                name: n,
                namespace: locStr(c, 'namespace'),
                span: c.span,
              },
            ]
          : [];
      }),
    namespaces: allowedNamespaces(getMap(ar?.value, 'namespaces'), name.span, 'Same'),
    kinds:
      kindsNode === undefined
        ? undefined
        : getSeq(ar?.value, 'kinds')
            .filter(isMap)
            .map((k) => ({ group: getStr(k, 'group') ?? 'gateway.networking.k8s.io', kind: getStr(k, 'kind') ?? '', span: k.span })),
    allowedRoutesSpan: ar ? ar.keySpan : undefined,
    span: l.span,
  };
}

/** A BackendTLSPolicy's spec. */
export function extractBackendTLSPolicy(root: YMap): BackendTLSPolicy {
  const spec = get(root, 'spec');
  const validation = get(spec, 'validation');
  return {
    targets: getSeq(spec, 'targetRefs')
      .filter(isMap)
      .flatMap((t) => {
        const name = locStr(t, 'name');
        return name
          ? [{ group: getStr(t, 'group') ?? '', kind: getStr(t, 'kind') ?? '', name, sectionName: locStr(t, 'sectionName'), span: t.span }]
          : [];
      }),
    hostname: locStr(validation, 'hostname'),
    caCertificateRefs: getSeq(validation, 'caCertificateRefs').map((c) => ({
      kind: getStr(c, 'kind') ?? '',
      name: getStr(c, 'name') ?? '',
    })),
    wellKnownCACertificates: getStr(validation, 'wellKnownCACertificates'),
  };
}
