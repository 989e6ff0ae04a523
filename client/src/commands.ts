/**
 * Every command of the extension, in one table: id → handler. package.json declares the
 * same ids (with the category "podpath"); the manifest test keeps the two in step.
 */
import { commands, window, Uri, workspace, type Disposable, type QuickPickItem } from 'vscode';
import {
  checkChartVariantCommand,
  ReindexRequest,
  ServicesRequest,
  showTrafficPathCommand,
  type ServiceRef,
  type ServicesParams,
  type ServiceSummary,
} from '../../server/src/protocol';
import { checkChartVariant } from './chartVariant';
import type { PodpathContext } from './context';
import { openExampleFile, openExamples } from './examples';
import { TrafficPanel } from './trafficPanel';

export { checkChartVariantCommand, showTrafficPathCommand };
export const reindexCommand = 'podpath.reindex';
export const showOutputCommand = 'podpath.showOutput';
export const openExamplesCommand = 'podpath.openExamples';
export const openExampleFileCommand = 'podpath.openExampleFile';

type Target = ServiceRef;

export const commandTable: Record<string, (ctx: PodpathContext, ...args: unknown[]) => unknown> = {
  [showTrafficPathCommand]: (ctx, arg, selection) => showTrafficPath(ctx, arg, selection),
  [reindexCommand]: async (ctx) => {
    // After repeated crashes the server was left stopped: this is how the user starts it again.
    if (!ctx.client.isRunning()) {
      await ctx.restartServer();
      ctx.output.appendLine('podpath: started the language server again');
      return;
    }
    await ctx.client.sendRequest(ReindexRequest);
    ctx.output.appendLine('podpath: re-indexed the workspace');
  },
  [showOutputCommand]: (ctx) => ctx.output.show(true),
  [openExamplesCommand]: (ctx) => openExamples(ctx),
  [openExampleFileCommand]: (ctx, file, find, step) => openExampleFile(ctx, file, find, step),
  [checkChartVariantCommand]: (_ctx, arg) => checkChartVariant(arg),
};

export function registerCommands(ctx: PodpathContext): Disposable[] {
  return Object.entries(commandTable).map(([id, fn]) =>
    commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(ctx, ...args);
      } catch (e) {
        ctx.output.appendLine(`${id} failed: ${(e as Error)?.stack ?? String(e)}`);
        void window.showErrorMessage(`podpath: ${(e as Error)?.message ?? String(e)}`);
        return undefined;
      }
    }),
  );
}

function isTarget(v: unknown): v is Target {
  return typeof v === 'object' && v !== null && typeof (v as Target).namespace === 'string' && typeof (v as Target).name === 'string';
}

/**
 * Open the traffic-path panel: for `{namespace, name}` (code lens), a file (explorer or
 * editor menu: pick among its Services), or the cursor (the Services it leads to; none:
 * every Service of the workspace).
 */
async function showTrafficPath(ctx: PodpathContext, arg: unknown, selection?: unknown): Promise<void> {
  let target: Target | undefined;
  if (isTarget(arg)) target = arg;
  else {
    const editor = window.activeTextEditor;
    let params: ServicesParams;
    // The Explorer passes the selected files as a second argument: then that file's Services;
    // from the editor's own menu, the cursor's first.
    const fromExplorer = Array.isArray(selection);
    if (arg instanceof Uri)
      params =
        !fromExplorer && editor && editor.document.uri.toString() === arg.toString() ? cursorParams(editor) : { uri: arg.toString() };
    else params = editor ? cursorParams(editor) : {};
    let found = await ctx.client.sendRequest(ServicesRequest, params);
    let placeHolder = 'Show the traffic path of which Service?';
    // Nothing at the cursor: the Services of the file (or leading to its workloads), then the workspace's.
    if (!found.length && params.uri && params.position) {
      found = await ctx.client.sendRequest(ServicesRequest, { uri: params.uri });
      placeHolder = 'Show the traffic path of which Service of this file?';
    }
    if (!found.length && params.uri) {
      found = await ctx.client.sendRequest(ServicesRequest, {});
      placeHolder = 'Nothing here leads to a Service: pick one of the workspace';
    }
    if (!found.length) {
      void window.showInformationMessage('podpath: no Service in the workspace.');
      return;
    }
    target = found.length === 1 ? found[0] : await pick(found, placeHolder);
  }
  if (!target) return;
  TrafficPanel.createOrShow(ctx.extension, (t) => ctx.graph(t), { namespace: target.namespace, name: target.name }, ctx.output);
}

function cursorParams(editor: NonNullable<typeof window.activeTextEditor>): ServicesParams {
  const p = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character } };
}

async function pick(services: ServiceSummary[], placeHolder: string): Promise<Target | undefined> {
  const items: (QuickPickItem & { s: ServiceSummary })[] = services.map((s) => ({
    label: s.name,
    description: `${s.namespace} · ${s.type}`,
    detail: `${workspace.asRelativePath(Uri.parse(s.uri))}:${s.line + 1}`,
    s,
  }));
  const chosen = await window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return chosen?.s;
}
