/**
 * The traffic-path webview panel: create/reveal/restore, CSP, and the message loop.
 * No analysis here — the graph comes from `getGraph` (the language server) and the
 * webview draws it. Everything the webview sends is checked before use: it is a separate
 * security boundary, so a `reveal` opens only a file of the workspace, and exports only
 * write where the user chose in a save dialog.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview, TrafficGraph, TrafficTarget, WebviewToHost } from '../../server/src/protocol';
import { panelHtml } from '../../webview/src/panelHtml';
import { revealTarget } from './revealTarget';

/** Fetches the graph of a Service (null: nothing to draw). */
export type GetGraph = (target: TrafficTarget) => Promise<TrafficGraph | null>;

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

export class TrafficPanel {
  static readonly viewType = VIEW_TYPE;
  // One panel at a time, as in VS Code's webview sample: a second "show" re-targets it.
  private static current: TrafficPanel | undefined;

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

  /** Shows the panel for `target`, creating it or re-targeting the open one. */
  static createOrShow(context: vscode.ExtensionContext, getGraph: GetGraph, target: TrafficTarget, output?: PanelLog): TrafficPanel {
    const open = TrafficPanel.current;
    if (open) {
      open.target = { namespace: target.namespace, name: target.name };
      open.panel.title = titleOf(target);
      open.panel.reveal(undefined, true);
      void open.refresh();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      titleOf(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      TrafficPanel.options(context.extensionUri),
    );
    TrafficPanel.current = new TrafficPanel(panel, context.extensionUri, getGraph, target, output);
    return TrafficPanel.current;
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
        TrafficPanel.current?.dispose();
        TrafficPanel.current = new TrafficPanel(panel, context.extensionUri, getGraph, target, output);
      },
    });
  }

  /** Re-requests the open panel's graph (the server sent podpath/trafficPathChanged). */
  static refresh(): Promise<void> {
    return TrafficPanel.current?.refresh() ?? Promise.resolve();
  }

  /** The open panel, if any. */
  static get currentPanel(): TrafficPanel | undefined {
    return TrafficPanel.current;
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

  /** Requests the graph for the current target and sends it to the webview; the latest request wins. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    const seq = ++this.requestSeq;
    const target = { ...this.target };
    let msg: HostToWebview;
    try {
      const graph = await this.getGraph(target);
      msg = graph
        ? { type: 'graph', graph, target }
        : { type: 'graph', graph: null, target, message: `No traffic path for Service ${target.namespace}/${target.name}: it is not in the workspace.` };
    } catch (e) {
      this.log?.appendLine(`podpath: traffic path of ${target.namespace}/${target.name} failed: ${String(e)}`);
      msg = { type: 'graph', graph: null, target, message: `Could not compute the traffic path of ${target.namespace}/${target.name}. See the podpath output.` };
    }
    if (seq !== this.requestSeq || this.disposed) return;
    await this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (TrafficPanel.current === this) TrafficPanel.current = undefined;
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
  private async reveal(uriText: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
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
