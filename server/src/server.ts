/**
 * The server's capabilities and handler registration, nothing else: every feature lives in
 * handlers/ (LSP in and out) over core/features (the analysis), and the instance state in
 * workspace/.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  CancellationToken,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkChartVariantCommand,
  ReindexRequest,
  ServicesRequest,
  showTrafficPathCommand,
  TrafficPathRequest,
  type ServicesParams,
} from './protocol';
import { checkChartVariant } from './handlers/chartVariant';
import { codeActions } from './handlers/codeActions';
import { codeLens } from './handlers/codeLens';
import { completion } from './handlers/completion';
import { definition } from './handlers/definition';
import { documentDiagnostics, workspaceDiagnostics } from './handlers/diagnostics';
import { guard, guardNotification } from './handlers/guard';
import { highlights } from './handlers/highlights';
import { hover } from './handlers/hover';
import { inlayHints } from './handlers/inlayHints';
import { references } from './handlers/references';
import { prepareRename, rename } from './handlers/rename';
import { reindex, services, showTrafficPath, trafficPath } from './handlers/trafficPath';
import { applyWatchedChanges } from './workspace/watcher';
import { Workspace } from './workspace/workspace';

/**
 * A handler for params sent by name or by position: JSON-RPC spreads array params into the
 * handler's arguments, so `[]` (how some clients encode `{}` or no params) arrives as the token
 * alone and `[p]` as `p`. The token is wherever it is; the params are the other argument.
 */
function anyParams<P, R>(handler: (params: P | undefined, token: CancellationToken) => R): (...args: unknown[]) => R {
  return (...args) =>
    handler(args.find((a) => !CancellationToken.is(a)) as P | undefined, args.find(CancellationToken.is) ?? CancellationToken.None);
}

/** The lens commands the client does not run itself. */
function serverCommands(w: Workspace): string[] {
  return [...(w.caps.showsTrafficPath ? [] : [showTrafficPathCommand]), ...(w.caps.addsChartVariants ? [] : [checkChartVariantCommand])];
}

/** Start one server instance on a connection (everything it holds lives in here). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let instance: Workspace | undefined;
  const ws = (): Workspace | undefined => instance;

  connection.onInitialize((params): InitializeResult => {
    instance = new Workspace(connection, documents, params);
    const pull = instance.caps.pullDiagnostics;
    return {
      serverInfo: { name: 'podpath', version: '0.1.0' },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false },
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        diagnosticProvider: pull ? { identifier: 'podpath', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        // Editors other than VS Code run the code lens commands on the server.
        executeCommandProvider: serverCommands(instance).length ? { commands: serverCommands(instance) } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    const w = instance!;
    if (w.caps.watchRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.{yaml,yml}' },
            { globPattern: '**/Kustomization' },
            { globPattern: '**/.gitignore' },
            // Folders moved in or deleted arrive as one event for the folder.
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        })
        .catch((e: unknown) => w.error(`cannot watch files: ${String(e)}`));
    }
    if (w.caps.configRegistration)
      connection.client.register(DidChangeConfigurationNotification.type, { section: ['podpath', 'files'] }).catch(() => undefined);
    if (w.caps.workspaceFolders)
      connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(ws, 'workspace folders', (x, e) => x.addFolders(e.added, e.removed)),
      );
    w.start().catch((e: unknown) => w.error(`indexing failed: ${(e as Error)?.stack ?? String(e)}`));
  });

  connection.onShutdown(() => instance?.shutdown());
  connection.onDidChangeConfiguration(guardNotification(ws, 'configuration', (x, p) => x.loadSettings(p.settings ?? undefined)));
  connection.onDidChangeWatchedFiles(guardNotification(ws, 'watched files', (x, p) => applyWatchedChanges(x, p.changes)));

  connection.onHover(guard(ws, 'hover', null, hover));
  connection.onDefinition(guard(ws, 'definition', [], definition));
  connection.onReferences(guard(ws, 'references', [], references));
  connection.onDocumentHighlight(guard(ws, 'highlights', [], highlights));
  connection.onCompletion(guard(ws, 'completion', [], completion));
  connection.onPrepareRename(guard(ws, 'prepareRename', null, prepareRename));
  connection.onRenameRequest(guard(ws, 'rename', null, rename));
  connection.onCodeLens(guard(ws, 'codeLens', [], codeLens));
  connection.languages.inlayHint.on(guard(ws, 'inlayHints', [], inlayHints));
  connection.onCodeAction(guard(ws, 'codeActions', [], codeActions));
  connection.languages.diagnostics.on(guard(ws, 'diagnostics', { kind: 'full', items: [] }, documentDiagnostics));
  connection.languages.diagnostics.onWorkspace(guard(ws, 'workspace diagnostics', { items: [] }, workspaceDiagnostics));
  connection.onRequest(TrafficPathRequest, guard(ws, 'trafficPath', null, trafficPath));
  connection.onRequest(ServicesRequest, anyParams(guard(ws, 'services', [], (x, p: ServicesParams | undefined) => services(x, p))));
  connection.onRequest(ReindexRequest, anyParams(guard(ws, 'reindex', null, (x: Workspace) => reindex(x))));
  connection.onExecuteCommand(
    guard(ws, 'executeCommand', null, (x, p): unknown =>
      p.command === showTrafficPathCommand
        ? showTrafficPath(x, p)
        : p.command === checkChartVariantCommand
          ? checkChartVariant(x, p)
          : null,
    ),
  );

  documents.listen(connection);
  connection.listen();
}
