/**
 * A language-server instance for the editor-side measurements: the server's own Workspace
 * (workspace/workspace.ts) on a connection that answers every request at once and records
 * the diagnostics it is sent, with push diagnostics, so that every file whose diagnostics
 * may have changed is recomputed and converted right after an edit, as a client would get
 * them. It indexes its folder from disk, as the server does after `initialized`.
 */
import { pathToFileURL } from 'node:url';
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../../server/src/workspace/workspace';
import type { Core } from './core';

export interface BenchServer {
  ws: Workspace;
  /** What the editor does on a keystroke: the document's new text arrives. */
  change(doc: TextDocument): void;
  /** `textDocument/publishDiagnostics` notifications sent so far. */
  published(): number;
}

/** Start a Workspace on `root` and wait until it has indexed and checked everything. */
export async function startServer(core: Core, root: string): Promise<BenchServer> {
  let published = 0;
  const done = Promise.resolve();
  const progress = { begin: () => undefined, report: () => undefined, done: () => undefined };
  const connection = {
    console: { log: () => undefined, error: () => undefined, warn: () => undefined, info: () => undefined },
    sendNotification: () => done,
    sendRequest: () => done,
    sendDiagnostics: () => {
      published++;
      return done;
    },
    window: { createWorkDoneProgress: () => Promise.resolve(progress) },
    workspace: { getConfiguration: () => Promise.resolve([]) },
    languages: { inlayHint: { refresh: () => done }, diagnostics: { refresh: () => done } },
  } as unknown as Connection;
  let onChange: ((e: { document: TextDocument }) => void) | undefined;
  const documents = {
    onDidChangeContent: (h: (e: { document: TextDocument }) => void) => ((onChange = h), { dispose: () => undefined }),
    onDidClose: () => ({ dispose: () => undefined }),
  } as unknown as TextDocuments<TextDocument>;
  const params: InitializeParams = {
    processId: null,
    rootUri: null,
    capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'stress' }],
    initializationOptions: { diagnosticsMode: 'push' },
  };
  const ws = new core.Workspace(connection, documents, params);
  await ws.start();
  return { ws, change: (document) => onChange!({ document }), published: () => published };
}
