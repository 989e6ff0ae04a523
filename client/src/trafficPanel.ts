/**
 * The traffic-path webview panel: create/reveal/restore, CSP, and the message loop.
 * No analysis here — the graph comes from `getGraph` (the language server) and the
 * webview draws it. Everything the webview sends is checked before use: it is a separate
 * security boundary, so a `reveal` opens only a file of the workspace, and exports only
 * write where the user chose in a save dialog.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview, TrafficGraph, TrafficPathParams, TrafficTarget, WebviewToHost } from '../../server/src/protocol';
import { panelHtml } from '../../webview/src/panelHtml';
import { revealTarget } from './revealTarget';

/** Fetches the graph of a Service, by name or by a place in its YAML (null: nothing to draw). */
export type GetGraph = (target: TrafficPathParams) => Promise<TrafficGraph | null>;

/** A place inside the Service's YAML (one of its ports): how a panel finds it again after a rename. */
type Anchor = { uri: string; position: { line: number; character: number } };

const keyOf = (t: TrafficTarget): string => `${t.namespace}/${t.name}`;

/** A line of the Service's own YAML, from the Service nodes of its graph. */
export function anchorOf(graph: TrafficGraph): Anchor | undefined {
  const svc = graph.nodes.find((n) => (n.kind === 'cluster-ip' || n.kind === 'headless' || n.kind === 'external-name') && n.source);
  return svc?.source ? { uri: svc.source.uri, position: { ...svc.source.range.start } } : undefined;
}

/** Where the panel logs ignored messages and failures (the extension's output channel). */
export interface PanelLog {
  appendLine(value: string): void;
}

const VIEW_TYPE = 'podpath.trafficPath';
/** An exported picture above this is not one we drew. */
const MAX_SVG_CHARS = 20_000_000;
const MAX_LINE = 10_000_000;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;

function isPosition(x: unknown): x is { line: number; character: number } {
  return isObj(x) && isCount(x.line, MAX_LINE) && isCount(x.character, MAX_LINE);
}

/** A range with integer, non-negative, ordered ends. */
function isSaneRange(x: unknown): x is { start: { line: number; character: number }; end: { line: number; character: number } } {
  if (!isObj(x) || !isPosition(x.start) || !isPosition(x.end)) return false;
  const { start, end } = x;
  return start.line < end.line || (start.line === end.line && start.character <= end.character);
}

/** The webview's message if it has the protocol's shape, else undefined. */
export function parseWebviewMessage(x: unknown): WebviewToHost | undefined {
  if (!isObj(x)) return undefined;
  switch (x.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return typeof x.uri === 'string' && isSaneRange(x.range) ? { type: 'reveal', uri: x.uri, range: x.range } : undefined;
    case 'exportSvg':
    case 'copySvg':
      return typeof x.svg === 'string' && x.svg.length <= MAX_SVG_CHARS && /^\s*<(\?xml|svg)[\s>]/.test(x.svg)
        ? { type: x.type, svg: x.svg }
        : undefined;
    default:
      return undefined;
  }
}

/** The Service saved in the webview's state (by webview/src/main.ts), for a restored panel. */
function targetFromState(state: unknown): TrafficTarget | undefined {
  if (!isObj(state)) return undefined;
  const t = state.target;
  if (isObj(t) && typeof t.namespace === 'string' && typeof t.name === 'string') return { namespace: t.namespace, name: t.name };
  const service = isObj(state.graph) && isObj(state.graph.service) ? state.graph.service : undefined;
  if (service && typeof service.namespace === 'string' && typeof service.name === 'string') {
    return { namespace: service.namespace, name: service.name };
  }
  return undefined;
}

/** The tab title; the namespace is in the panel header, and tabs stay short. */
const titleOf = (t: TrafficTarget): string => `podpath: ${t.name}`;

/**
 * One panel per Service, so two can be compared side by side; a panel follows its Service
 * through a rename (it finds it again by the place of its YAML).
 */
export class TrafficPanel {
  static readonly viewType = VIEW_TYPE;
  private static readonly open = new Map<TrafficPanel, true>();
  private anchor: Anchor | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private requestSeq = 0;
  private disposed = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly getGraph: GetGraph,
    private target: TrafficTarget,
    private readonly log?: PanelLog,
  ) {
    panel.title = titleOf(target);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // The promise is returned (VS Code ignores it) so tests can await the handling.
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
    );
  }

  /** Shows the panel of `target`: the one already open for that Service, else a new one beside the editor. */
  static createOrShow(context: vscode.ExtensionContext, getGraph: GetGraph, target: TrafficTarget, output?: PanelLog): TrafficPanel {
    const found = [...TrafficPanel.open.keys()].find((p) => keyOf(p.target) === keyOf(target));
    if (found) {
      found.panel.reveal(undefined, true);
      void found.refresh();
      return found;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      titleOf(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      TrafficPanel.options(context.extensionUri),
    );
    const made = new TrafficPanel(panel, context.extensionUri, getGraph, { namespace: target.namespace, name: target.name }, output);
    TrafficPanel.open.set(made, true);
    return made;
  }

  /** Restores panels after a reload, from the target the webview kept in its state. */
  static registerSerializer(context: vscode.ExtensionContext, getGraph: GetGraph, output?: PanelLog): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const target = targetFromState(state);
        if (!target) {
          output?.appendLine('podpath: a traffic-path panel had no Service in its saved state; closing it.');
          panel.dispose();
          return;
        }
        panel.webview.options = TrafficPanel.options(context.extensionUri);
        TrafficPanel.open.set(new TrafficPanel(panel, context.extensionUri, getGraph, target, output), true);
      },
    });
  }

  /** Re-requests every open panel's graph (the server sent podpath/trafficPathChanged). */
  static async refresh(): Promise<void> {
    await Promise.all([...TrafficPanel.open.keys()].map((p) => p.refresh()));
  }

  /** The panel shown last (the active one if any), if any is open. */
  static get currentPanel(): TrafficPanel | undefined {
    const all = [...TrafficPanel.open.keys()];
    return all.find((p) => p.panel.active) ?? all.at(-1);
  }

  /** Every open panel. */
  static get panels(): TrafficPanel[] {
    return [...TrafficPanel.open.keys()];
  }

  /** The Service this panel shows. */
  get currentTarget(): TrafficTarget {
    return { ...this.target };
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
      // State lives in vscode.setState, so a hidden panel need not keep its page alive.
      retainContextWhenHidden: false,
    };
  }

  /**
   * Requests the graph for the current target and sends it to the webview; the latest
   * request wins. A Service no longer found by name is looked for where its YAML was: a
   * rename keeps the panel (its title follows).
   */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    const seq = ++this.requestSeq;
    let target = { ...this.target };
    let msg: HostToWebview;
    try {
      let graph = await this.getGraph(target);
      if (!graph && this.anchor) {
        graph = await this.getGraph(this.anchor);
        if (graph) target = { namespace: graph.service.namespace, name: graph.service.name };
      }
      msg = graph
        ? { type: 'graph', graph, target }
        : {
            type: 'graph',
            graph: null,
            target,
            message: `No traffic path for Service ${target.namespace}/${target.name}: it is not in the workspace.`,
          };
      if (seq === this.requestSeq && graph) {
        this.anchor = anchorOf(graph) ?? this.anchor;
        if (keyOf(target) !== keyOf(this.target)) {
          this.target = target;
          this.panel.title = titleOf(target);
        }
      }
    } catch (e) {
      this.log?.appendLine(`podpath: traffic path of ${target.namespace}/${target.name} failed: ${String(e)}`);
      msg = {
        type: 'graph',
        graph: null,
        target,
        message: `Could not compute the traffic path of ${target.namespace}/${target.name}. See the podpath output.`,
      };
    }
    if (seq !== this.requestSeq || this.disposed) return;
    await this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    TrafficPanel.open.delete(this);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: script.toString(),
      title: titleOf(this.target),
    });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.log?.appendLine('podpath: ignored a malformed message from the traffic-path panel.');
      return;
    }
    try {
      if (msg.type === 'ready') await this.refresh();
      else if (msg.type === 'reveal') await this.reveal(msg.uri, msg.range);
      else if (msg.type === 'exportSvg') await this.exportSvg(msg.svg);
      else {
        await vscode.env.clipboard.writeText(msg.svg);
        void vscode.window.showInformationMessage('podpath: traffic path copied as SVG.');
      }
    } catch (e) {
      this.log?.appendLine(`podpath: traffic-path panel ${msg.type} failed: ${String(e)}`);
    }
  }

  /** Opens the YAML behind a node, only for a YAML file inside a workspace folder (see revealTarget). */
  private async reveal(
    uriText: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
  ): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const target = revealTarget(uriText, folders);
    if ('refused' in target) {
      this.log?.appendLine(`podpath: ignored reveal of ${JSON.stringify(uriText.slice(0, 200))}: ${target.refused}.`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target.path));
    const selection = doc.validateRange(new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(doc, { selection, viewColumn: column, preserveFocus: false });
  }

  private async exportSvg(svg: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.target.namespace}-${this.target.name}-traffic.svg`.replace(/[^\w.-]+/g, '_');
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { 'SVG image': ['svg'] },
      saveLabel: 'Export',
      title: 'Export traffic path as SVG',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`podpath: traffic path saved to ${vscode.workspace.asRelativePath(target)}.`);
  }
}
