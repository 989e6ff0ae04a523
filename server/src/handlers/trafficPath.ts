/** podpath's own requests: the traffic path of a Service, the Services at a position, re-index. */
import { buildTrafficGraph, servicesAt } from '../core/features/trafficPath';
import { nsName } from '../core/index/tables';
import { lineAt, offsetAt } from '../core/model/positions';
import type { Resource } from '../core/model/resource';
import type { ServicesParams, ServicesResult, ServiceSummary, TrafficPathParams, TrafficPathResult } from '../protocol';
import type { Workspace } from '../workspace/workspace';

export function trafficPath(ws: Workspace, params: TrafficPathParams): TrafficPathResult {
  let target: { namespace: string; name: string } | undefined;
  if ('namespace' in params) {
    ws.flush();
    target = { namespace: params.namespace, name: params.name };
  } else {
    const file = ws.file(params.uri);
    const svc = file ? servicesAt(ws.index, file.uri, offsetAt(file, params.position))[0] : undefined;
    if (svc?.namespace !== undefined) target = { namespace: svc.namespace, name: svc.name };
  }
  if (!target) return null;
  const svc = [...ws.index.lookup().get('svc', nsName(target.namespace, target.name))][0];
  return buildTrafficGraph(ws.index, target, svc ? ws.ruleSettingsFor(svc.file.uri) : {}, params.unit);
}

export function services(ws: Workspace, params: ServicesParams): ServicesResult {
  if (!params.uri) {
    ws.flush();
    return summarize([...ws.index.resources()].filter((r) => r.service));
  }
  const file = ws.file(params.uri);
  if (!file) return [];
  if (params.position) return summarize(servicesAt(ws.index, file.uri, offsetAt(file, params.position)));
  return summarize(file.resources.flatMap((r) => servicesAt(ws.index, file.uri, r.span[0])));
}

function summarize(rs: Resource[]): ServiceSummary[] {
  const seen = new Set<Resource>();
  const out: ServiceSummary[] = [];
  for (const r of rs) {
    if (seen.has(r) || !r.service || r.namespace === undefined) continue;
    seen.add(r);
    out.push({ namespace: r.namespace, name: r.name, type: r.service.type, uri: r.file.uri, line: lineAt(r.file, r.nameSpan[0]) });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

export async function reindex(ws: Workspace): Promise<null> {
  await ws.reindex();
  return null;
}
