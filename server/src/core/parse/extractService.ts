/** The Service view: type, selector and ports. */
import type { Service, ServicePort } from '../model/resource';
import { get, getScalar, getSeq, getStr, int, isMap, pair, strMap, type YMap } from '../model/ytree';
import { locInt, locIntOrStr, locStr } from './located';

export function extractService(root: YMap): Service {
  const spec = get(root, 'spec');
  const selNode = get(spec, 'selector');
  const selector = isMap(selNode) ? strMap(selNode) : undefined;
  const clusterIP = getStr(spec, 'clusterIP');
  const ports: ServicePort[] = [];
  getSeq(spec, 'ports').forEach((p, index) => {
    if (!isMap(p)) return;
    const raw = getScalar(p, 'port');
    ports.push({
      index,
      name: locStr(p, 'name'),
      port: locInt(p, 'port'),
      rawPort: raw && int(raw) === undefined ? raw : undefined,
      targetPort: locIntOrStr(p, 'targetPort'),
      protocol: (getStr(p, 'protocol') ?? 'TCP').toUpperCase(),
      protocolSpan: getScalar(p, 'protocol')?.span,
      nodePort: locInt(p, 'nodePort'),
      span: p.span,
    });
  });
  return {
    type: getStr(spec, 'type') ?? 'ClusterIP',
    typeSpan: getScalar(spec, 'type')?.span,
    clusterIP,
    headless: clusterIP === 'None',
    externalName: getStr(spec, 'externalName'),
    externalTrafficPolicy: getStr(spec, 'externalTrafficPolicy'),
    selector,
    selectorSpan: selNode?.span,
    selectorKeySpan: pair(spec, 'selector')?.keySpan,
    ports,
    specSpan: spec?.span ?? root.span,
  };
}
