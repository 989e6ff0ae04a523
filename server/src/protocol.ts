/**
 * podpath's custom LSP protocol, declared once as typed messages. The server registers
 * handlers for them, the client and the tests send them (`sendRequest(ServicesRequest, …)`),
 * so a change of params or result type is a type error everywhere at once. The webview
 * imports types only. docs/cli-and-protocol.md describes each message for other editors.
 */
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
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

/** A Service named outright: what code lenses and the panel ask for. */
export interface ServiceRef {
  namespace: string;
  name: string;
}

/**
 * `podpath/trafficPath`, client → server: the traffic path of the Service at/around a position
 * (or of a resource a Service reaches: workload, Ingress, route), or of a Service named outright,
 * in apply unit `unit` (default: the first unit that has the Service; the graph's `units` lists
 * them). Result: the graph (docs/cli-and-protocol.md), or null when nothing there leads to a Service.
 */
export type TrafficPathParams = ({ uri: string; position: Position } | ServiceRef) & { unit?: string };
export type TrafficPathResult = TrafficGraph | null;
export const TrafficPathRequest = new RequestType<TrafficPathParams, TrafficPathResult, void>('podpath/trafficPath');

/**
 * `podpath/services`, client → server: the Services that a position relates to (several when a
 * workload is behind more than one Service), those of a file (uri without position), or every
 * Service of the workspace (no uri; `{}`, `[]` and null all mean that), so the client can offer a pick.
 */
export type ServicesParams = { uri?: string; position?: Position };
export interface ServiceSummary extends ServiceRef {
  type: string;
  uri: string;
  /** 0-based line of the Service's metadata.name. */
  line: number;
}
export type ServicesResult = ServiceSummary[];
export const ServicesRequest = new RequestType<ServicesParams | null, ServicesResult, void>('podpath/services');

/** `podpath/reindex`, client → server, no params: drop the index and read every workspace folder again. */
export const ReindexRequest = new RequestType0<null, void>('podpath/reindex');

/** `podpath/trafficPathChanged`, server → client, no params: the index changed, so an open panel should re-request. */
export const TrafficPathChangedNotification = new NotificationType0('podpath/trafficPathChanged');

/** `podpath/indexStatus`, server → client: index state, for a status bar. */
export interface IndexStatusParams {
  state: 'indexing' | 'ready';
  files: number;
  resources: number;
  skipped: number;
}
export const IndexStatusNotification = new NotificationType<IndexStatusParams>('podpath/indexStatus');

/**
 * The command of the code lenses (`Show traffic path · …`, `exposed by …`), arguments
 * `[ServiceRef]`. VS Code's extension runs it itself (it opens the traffic-path panel) and says
 * so in the initialization option `clientCommands`; for every other client the server offers it
 * through `workspace/executeCommand`: it answers `ShowTrafficPathResult` and shows the path as
 * text (`window/showMessage`), as `podpath trace` prints it.
 */
export { showTrafficPathCommand } from './core/features/codeLens';

/**
 * The command of the lenses on a chart's `Chart.yaml` (`Check with ci/x-values.yaml`),
 * arguments `[ChartVariantArgs]`: add a unit that renders the chart with that values file
 * (`unitsWithVariant`, one implementation for both ends). VS Code's extension writes it to the
 * setting `podpath.units` and says so in `clientCommands`; for other clients the server runs
 * it through `workspace/executeCommand` and adds it to `.podpath.yaml` with `workspace/applyEdit`.
 */
export { checkChartVariantCommand, type ChartVariantArgs } from './core/features/codeLens';
export { unitsWithVariant } from './core/features/chartVariants';
export type ShowTrafficPathResult = { service: ServiceRef; text: string; graph: TrafficGraph } | null;

/** Messages from the webview to the extension host. Validated on arrival. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; uri: string; range: { start: Position; end: Position } }
  | { type: 'exportSvg'; svg: string }
  | { type: 'copySvg'; svg: string };

/** The Service a traffic-path panel shows; kept in the webview's state so a restored panel can re-request it. */
export type TrafficTarget = ServiceRef;

/**
 * Messages from the extension host to the webview. `graph` is null when there is nothing
 * to draw (`message` says why); `target` is what the panel was opened for.
 */
export type HostToWebview =
  | { type: 'graph'; graph: TrafficGraph | null; message?: string; target?: TrafficTarget }
  | { type: 'requestSvg'; action: 'export' | 'copy' };
