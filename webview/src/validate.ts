/**
 * Shape checks for everything that enters the webview: host messages and restored state.
 * The webview is its own security boundary; a malformed message is dropped, not drawn.
 */
import type { GraphEdge, GraphNode, HostToWebview, TrafficGraph, TrafficTarget } from '../../server/src/protocol';

/** What the panel keeps with vscode.setState, and gets back after a reload or restart. */
export interface PanelState {
  v: 1;
  graph: TrafficGraph | null;
  message?: string;
  target?: TrafficTarget;
  transform?: { k: number; x: number; y: number };
  expanded: string[];
  /** Which way the layers ran when the transform was saved. */
  direction?: 'lr' | 'tb';
}

/** Far beyond any real workspace; stops a runaway graph from freezing the panel. */
const MAX_NODES = 5000;
const MAX_EDGES = 20000;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optStr = (x: unknown): boolean => x === undefined || isStr(x);
const isPos = (x: unknown): boolean => isObj(x) && isNum(x.line) && isNum(x.character);

/** A 0-based LSP range. */
export const isRange = (x: unknown): boolean => isObj(x) && isPos(x.start) && isPos(x.end);

const isSource = (x: unknown): boolean => isObj(x) && isStr(x.uri) && isRange(x.range);

function isNode(x: unknown): x is GraphNode {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.kind) &&
    isStr(x.label) &&
    (x.port === undefined || isNum(x.port)) &&
    optStr(x.protocol) &&
    (x.detail === undefined || (Array.isArray(x.detail) && x.detail.every(isStr))) &&
    (x.source === undefined || isSource(x.source))
  );
}

const STATUSES = new Set(['ok', 'broken', 'blocked', 'unknown']);

function isEdge(x: unknown): x is GraphEdge {
  return (
    isObj(x) &&
    isStr(x.from) &&
    isStr(x.to) &&
    isStr(x.status) &&
    STATUSES.has(x.status) &&
    optStr(x.label) &&
    optStr(x.reason) &&
    optStr(x.rule) &&
    optStr(x.policy)
  );
}

const isDiagnostic = (x: unknown): boolean =>
  isObj(x) && isStr(x.rule) && isStr(x.severity) && isStr(x.message) && (x.source === undefined || isSource(x.source));

/** The traffic-path graph of the protocol, checked field by field. */
export function isTrafficGraph(x: unknown): x is TrafficGraph {
  if (!isObj(x) || !isObj(x.service)) return false;
  const s = x.service;
  return (
    isStr(s.namespace) &&
    isStr(s.name) &&
    isStr(s.type) &&
    (s.clusterIP === null || isStr(s.clusterIP)) &&
    Array.isArray(x.nodes) &&
    x.nodes.length <= MAX_NODES &&
    x.nodes.every(isNode) &&
    Array.isArray(x.edges) &&
    x.edges.length <= MAX_EDGES &&
    x.edges.every(isEdge) &&
    Array.isArray(x.diagnostics) &&
    x.diagnostics.every(isDiagnostic)
  );
}

/** A Service reference, as the panel was opened for. */
export const isTarget = (x: unknown): x is TrafficTarget => isObj(x) && isStr(x.namespace) && isStr(x.name);

/** The message if it is one the host may send, else undefined. */
export function parseHostMessage(x: unknown): HostToWebview | undefined {
  if (!isObj(x)) return undefined;
  if (x.type === 'graph') {
    if (!(x.graph === null || isTrafficGraph(x.graph)) || !optStr(x.message)) return undefined;
    if (x.target !== undefined && !isTarget(x.target)) return undefined;
    const msg: HostToWebview = { type: 'graph', graph: x.graph };
    if (isStr(x.message)) msg.message = x.message;
    if (isTarget(x.target)) msg.target = { namespace: x.target.namespace, name: x.target.name };
    return msg;
  }
  if (x.type === 'requestSvg' && (x.action === 'export' || x.action === 'copy')) {
    return { type: 'requestSvg', action: x.action };
  }
  return undefined;
}

/** Saved state if it has the shape this version wrote, else undefined (start fresh). */
export function parseState(x: unknown): PanelState | undefined {
  if (!isObj(x) || x.v !== 1) return undefined;
  if (!(x.graph === null || isTrafficGraph(x.graph)) || !optStr(x.message)) return undefined;
  const state: PanelState = { v: 1, graph: x.graph, expanded: [] };
  if (isStr(x.message)) state.message = x.message;
  if (isTarget(x.target)) state.target = { namespace: x.target.namespace, name: x.target.name };
  const t = x.transform;
  if (isObj(t) && isNum(t.k) && isNum(t.x) && isNum(t.y) && t.k > 0) state.transform = { k: t.k, x: t.x, y: t.y };
  if (Array.isArray(x.expanded)) state.expanded = x.expanded.filter(isStr);
  if (x.direction === 'lr' || x.direction === 'tb') state.direction = x.direction;
  return state;
}
