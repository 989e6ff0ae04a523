/**
 * podpath's custom LSP protocol, declared once. The server, the client and the webview
 * import this file; it has no runtime dependency so that every bundle can take it.
 */
import type { Position, TrafficGraph } from './core/model/graph';

export type {
  TrafficGraph,
  GraphNode,
  GraphEdge,
  GraphNodeKind,
  GraphSource,
  GraphDiagnostic,
  EdgeStatus,
  Position,
  Range,
} from './core/model/graph';

/**
 * Client → server request: the traffic path of the Service at/around a position (or a
 * resource a Service reaches: workload, Ingress, route), or of a Service named outright,
 * in apply unit `unit` (default: the first unit that has the Service; the graph's `units`
 * lists them). Result: the graph, or null when nothing there leads to a Service.
 */
export const trafficPathMethod = 'podpath/trafficPath';
export type TrafficPathParams =
  | { uri: string; position: Position; unit?: string }
  | { namespace: string; name: string; unit?: string };
export type TrafficPathResult = TrafficGraph | null;

/**
 * Client → server request: the Services that a position relates to (several when a
 * workload is behind more than one Service), or every Service of the workspace when no
 * uri is given, so the client can offer a pick.
 */
export const servicesMethod = 'podpath/services';
export type ServicesParams = { uri?: string; position?: Position };
export interface ServiceSummary {
  namespace: string;
  name: string;
  type: string;
  uri: string;
  line: number;
}
export type ServicesResult = ServiceSummary[];

/** Server → client notification: the index changed, so an open panel should re-request. */
export const trafficPathChangedMethod = 'podpath/trafficPathChanged';

/** Server → client notification: index state for the status bar. */
export const indexStatusMethod = 'podpath/indexStatus';
export interface IndexStatusParams {
  state: 'indexing' | 'ready';
  files: number;
  resources: number;
  skipped: number;
}

/** Client → server request: drop the index and read every workspace folder again. */
export const reindexMethod = 'podpath/reindex';

/** Messages from the webview to the extension host. Validated on arrival. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; range: { start: Position; end: Position } }
  | { type: 'exportSvg'; svg: string }
  | { type: 'copySvg'; svg: string };

/** The Service a traffic-path panel shows; kept in the webview's state so a restored panel can re-request it. */
export interface TrafficTarget {
  namespace: string;
  name: string;
}

/**
 * Messages from the extension host to the webview. `graph` is null when there is nothing
 * to draw (`message` says why); `target` is what the panel was opened for.
 */
export type HostToWebview =
  | { type: 'graph'; graph: TrafficGraph | null; message?: string; target?: TrafficTarget }
  | { type: 'requestSvg'; action: 'export' | 'copy' };
