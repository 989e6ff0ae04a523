/**
 * podpath's own requests: the traffic path of a Service, the Services at a position, re-index,
 * and the lens command for editors that run it through `workspace/executeCommand`.
 */
import { MessageType, ShowMessageNotification, type ExecuteCommandParams } from 'vscode-languageserver';
import { formatTraceText } from '../cli/traceText';
import { buildTrafficGraph, servicesAt } from '../core/features/trafficPath';
import { nsName } from '../core/index/tables';
import { templatePlace } from '../core/features/chartHover';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { offsetAt, rangeOf } from '../core/model/positions';
import { realPlace, type Resource } from '../core/model/resource';
import type {
  ServiceRef,
  ServicesParams,
  ServicesResult,
  ServiceSummary,
  ShowTrafficPathResult,
  TrafficPathParams,
  TrafficPathResult,
} from '../protocol';
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

export function services(ws: Workspace, given: ServicesParams | null | unknown[] | undefined): ServicesResult {
  // `{}` may arrive as [] (how some clients encode empty params) or null: every Service then.
  const params: ServicesParams = (Array.isArray(given) ? given[0] : given) ?? {};
  if (!params.uri) {
    ws.flush();
    return summarize(
      ws.index,
      [...ws.index.resources()].filter((r) => r.service),
    );
  }
  const file = ws.file(params.uri);
  if (!file) return [];
  if (params.position) return summarize(ws.index, servicesAt(ws.index, file.uri, offsetAt(file, params.position)));
  // A Helm chart's template holds no objects itself: those it rendered.
  const ofTemplate =
    file.resources.length === 0
      ? ws.index.charts
          .buildsReading(file.uri)
          .flatMap((b) => b.rendered)
          .find((r) => r.templateUri === file.uri)
      : undefined;
  const rendered = ofTemplate && ws.index.getFile(ofTemplate.uri);
  const from = rendered ?? file;
  return summarize(
    ws.index,
    from.resources.flatMap((r) => servicesAt(ws.index, from.uri, r.span[0])),
  );
}

function summarize(index: WorkspaceIndex, rs: Resource[]): ServiceSummary[] {
  const seen = new Set<Resource>();
  const out: ServiceSummary[] = [];
  for (const r of rs) {
    if (seen.has(r) || !r.service || r.namespace === undefined) continue;
    seen.add(r);
    // A built Service (core/units/built.ts) is shown where its name came from; one of a Helm chart at its template's line (features/chartHover.ts).
    const real = realPlace(r.file, r.nameSpan);
    const at = templatePlace(index, { uri: real.file.uri, range: rangeOf(real.file, real.span) });
    out.push({ namespace: r.namespace, name: r.name, type: r.service.type, uri: at.uri, line: at.range.start.line });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function isServiceRef(v: unknown): v is ServiceRef {
  return (
    typeof v === 'object' && v !== null && typeof (v as ServiceRef).namespace === 'string' && typeof (v as ServiceRef).name === 'string'
  );
}

/**
 * `workspace/executeCommand` `podpath.showTrafficPath` (the code lens command) for editors
 * without the VS Code panel: arguments `[{namespace, name}]` (what the lens carries) or
 * `[{uri, position}]`; the path as `podpath trace` prints it, shown to the user and returned.
 */
export function showTrafficPath(ws: Workspace, params: ExecuteCommandParams): ShowTrafficPathResult {
  const arg = params.arguments?.[0];
  const valid =
    isServiceRef(arg) ||
    (typeof arg === 'object' &&
      arg !== null &&
      typeof (arg as { uri?: unknown }).uri === 'string' &&
      typeof (arg as { position?: unknown }).position === 'object');
  if (!valid) {
    show(ws, MessageType.Warning, `podpath: ${params.command} needs an argument {namespace, name} or {uri, position}`);
    return null;
  }
  const graph = trafficPath(ws, arg as TrafficPathParams);
  if (!graph) {
    show(ws, MessageType.Info, 'podpath: nothing here leads to a Service');
    return null;
  }
  const text = formatTraceText(graph);
  show(ws, MessageType.Info, text);
  return { service: { namespace: graph.service.namespace, name: graph.service.name }, text, graph };
}

/** `window/showMessage`, a notification: nothing to answer (the window API would send a showMessageRequest). */
function show(ws: Workspace, type: MessageType, message: string): void {
  ws.connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
}

export async function reindex(ws: Workspace): Promise<null> {
  await ws.reindex();
  return null;
}
