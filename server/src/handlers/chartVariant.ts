/**
 * `workspace/executeCommand` `podpath.checkChartVariant` (the lens on a chart's `Chart.yaml`)
 * for editors other than VS Code (whose extension writes the setting `podpath.units`): the
 * unit goes to `.podpath.yaml`, which the CLI reads too, through `workspace/applyEdit`; the
 * server reads the file again when the watcher reports it saved.
 */
import { MessageType, ShowMessageNotification, type ExecuteCommandParams, type WorkspaceEdit } from 'vscode-languageserver';
import { configWithVariant } from '../node/configVariant';
import type { ChartVariantArgs } from '../protocol';
import { pathToUri, uriToPath } from '../workspace/folders';
import type { Workspace } from '../workspace/workspace';

function isArgs(v: unknown): v is ChartVariantArgs {
  const a = v as ChartVariantArgs;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof a.chart === 'string' &&
    typeof a.values === 'string' &&
    typeof a.name === 'string' &&
    (a.keep === undefined || (typeof a.keep === 'object' && a.keep !== null))
  );
}

/** What the command did: the `.podpath.yaml` it edited, or why not (also shown to the user). */
export async function checkChartVariant(ws: Workspace, params: ExecuteCommandParams): Promise<{ applied: boolean; message: string }> {
  const arg = params.arguments?.[0];
  const chart = isArgs(arg) ? uriToPath(arg.chart) : undefined;
  const values = isArgs(arg) ? uriToPath(arg.values) : undefined;
  const folder = ws.folders[0];
  const fail = (type: MessageType, message: string): { applied: boolean; message: string } => {
    ws.connection.sendNotification(ShowMessageNotification.type, { type, message: `podpath: ${message}` }).catch(() => undefined);
    return { applied: false, message };
  };
  if (!isArgs(arg) || chart === undefined || values === undefined)
    return fail(MessageType.Warning, `${params.command} needs an argument { chart, values, name } (file URIs)`);
  if (!folder) return fail(MessageType.Warning, 'a chart unit needs a workspace folder');
  const r = configWithVariant(folder.fsPath, { chart, values, name: arg.name, keep: arg.keep });
  if ('error' in r) return fail(MessageType.Warning, r.error);
  if ('already' in r) return fail(MessageType.Info, r.already);
  const uri = pathToUri(r.path);
  if (!r.exists && !ws.caps.createFiles) return fail(MessageType.Info, `write ${r.path}:\n${r.text}`);
  const lines = r.old.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  const edit: WorkspaceEdit = r.exists
    ? { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end }, newText: r.text }] } }
    : {
        documentChanges: [
          { kind: 'create', uri, options: { ignoreIfExists: true } },
          {
            textDocument: { uri, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: r.text }],
          },
        ],
      };
  const res = await ws.connection.workspace.applyEdit({ label: `podpath: check ${arg.name}`, edit });
  if (!res.applied)
    return fail(MessageType.Warning, `the editor did not apply the edit of ${r.path}${res.failureReason ? `: ${res.failureReason}` : ''}`);
  return { applied: true, message: `added unit ${arg.name} to ${r.path}` };
}
