/**
 * A small typed LSP client for tests: starts the built `dist/server.js --stdio`, talks
 * JSON-RPC over its pipes, answers the server's requests (configuration, registrations,
 * progress, refreshes) and lets tests wait on notifications — never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CancellationTokenSource,
  createMessageConnection,
  type RequestType,
  type RequestType0,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentHighlight,
  Hover,
  InitializeResult,
  InlayHint,
  Location,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { IndexStatusNotification, TrafficPathChangedNotification, type IndexStatusParams } from '../../server/src/protocol';

export const repoRoot = resolve(__dirname, '..', '..');
export const serverPath = join(repoRoot, 'dist', 'server.js');

/** A fresh copy of a fixture workspace in a temporary folder (tests edit and delete files). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `podpath-${name}-`));
  cpSync(join(repoRoot, 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}

export function uriOf(path: string): string {
  return URI.file(path).toString();
}

export interface StartOptions {
  folders: string[];
  /** Pull diagnostics (document + workspace) in the client's capabilities; push otherwise. */
  pull?: boolean;
  /** `podpath` settings answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  filesExclude?: Record<string, boolean>;
  /** The server's diagnostics debounce (tests: 20 ms, so pushes come quickly). */
  debounceMs?: number;
  /** Replace fields of the initialize params (how other editors name their roots). */
  initialize?: Record<string, unknown>;
  /** Node options before the server script (e.g. `--require` a preload). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** `processId` sent in `initialize` (default: this process). */
  processId?: number | null;
  /** The client's capabilities, replacing the default VS Code-like set (other editors' profiles). */
  capabilities?: ClientCapabilities;
  /** More `initializationOptions` (besides `debounceMs`). */
  initializationOptions?: Record<string, unknown>;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly statuses: IndexStatusParams[] = [];
  readonly events: string[] = [];
  readonly versions = new Map<string, number>();
  /** `window/logMessage` from the server, in order (type 1 error … 4 log). */
  readonly logs: { type: number; message: string }[] = [];
  /** `window/showMessage` from the server, in order. */
  readonly messages: { type: number; message: string }[] = [];
  /** The server's answer to `initialize`. */
  initResult: InitializeResult | undefined;
  settings: Record<string, unknown>;
  private readonly waiters = new Set<Waiter>();
  private stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
    readonly opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
  }

  static async start(opts: StartOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env },
    });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const c = new TestClient(child, conn, opts);
    child.stderr!.on('data', (d: Buffer) => (c.stderr += d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      c.published.set(p.uri, p);
      c.events.push(`diagnostics ${p.uri}@${p.version ?? ''}`);
      c.poke();
    });
    conn.onNotification(IndexStatusNotification, (s) => {
      c.statuses.push(s);
      c.poke();
    });
    conn.onNotification(TrafficPathChangedNotification, () => {
      c.events.push('trafficPathChanged');
      c.poke();
    });
    conn.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      c.logs.push(m);
      c.poke();
    });
    conn.onNotification('window/showMessage', (m: { type: number; message: string }) => {
      c.messages.push(m);
      c.poke();
    });
    conn.onNotification('$/progress', () => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'podpath' ? c.settings : i.section === 'files.exclude' ? (opts.filesExclude ?? {}) : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    for (const m of ['workspace/diagnostic/refresh', 'workspace/codeLens/refresh', 'workspace/inlayHint/refresh']) {
      conn.onRequest(m, () => {
        c.events.push(m);
        c.poke();
        return null;
      });
    }
    conn.listen();
    const capabilities: ClientCapabilities = opts.capabilities ?? {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        didChangeConfiguration: { dynamicRegistration: true },
        codeLens: { refreshSupport: true },
        inlayHint: { refreshSupport: true },
        ...(opts.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        publishDiagnostics: {
          relatedInformation: true,
          versionSupport: true,
          codeDescriptionSupport: true,
          tagSupport: { valueSet: [1, 2] },
        },
        rename: { prepareSupport: true },
      },
      window: { workDoneProgress: true },
    };
    c.initResult = await conn.sendRequest<InitializeResult>('initialize', {
      processId: opts.processId === undefined ? process.pid : opts.processId,
      rootUri: null,
      capabilities,
      workspaceFolders: opts.folders.map((f) => ({ uri: uriOf(f), name: f.split('/').pop() })),
      initializationOptions: { debounceMs: opts.debounceMs ?? 20, ...opts.initializationOptions },
      ...opts.initialize,
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  private poke(): void {
    for (const w of [...this.waiters])
      if (w.check()) {
        this.waiters.delete(w);
        w.resolve();
      }
  }

  /** Resolves once `check` holds (re-tested on every message from the server). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ check, resolve }));
  }

  /** Wait for the first full index. */
  ready(): Promise<void> {
    return this.until(() => this.statuses.some((s) => s.state === 'ready'));
  }

  /** Wait for pushed diagnostics of a file that satisfy `pred`. */
  async pushed(uri: string, pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    await this.until(() => {
      const p = this.published.get(uri);
      return p !== undefined && pred(p.diagnostics);
    });
    return this.published.get(uri)!.diagnostics;
  }

  open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Incremental changes, as editors send them (ranges in the text before each change). */
  edit(uri: string, changes: { range: Range; text: string }[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Resolves when the server process has exited, with its code and signal. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode !== null || this.child.signalCode !== null)
      return Promise.resolve({ code: this.child.exitCode, signal: this.child.signalCode });
    return new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  watched(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    return this.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  private at(uri: string, position: Position): { textDocument: { uri: string }; position: Position } {
    return { textDocument: { uri }, position };
  }

  hover(uri: string, p: Position): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', this.at(uri, p));
  }
  definition(uri: string, p: Position): Promise<Location[]> {
    return this.conn.sendRequest('textDocument/definition', this.at(uri, p));
  }
  references(uri: string, p: Position, includeDeclaration = true): Promise<Location[]> {
    return this.conn.sendRequest('textDocument/references', { ...this.at(uri, p), context: { includeDeclaration } });
  }
  highlights(uri: string, p: Position): Promise<DocumentHighlight[]> {
    return this.conn.sendRequest('textDocument/documentHighlight', this.at(uri, p));
  }
  completion(uri: string, p: Position): Promise<CompletionItem[]> {
    return this.conn.sendRequest('textDocument/completion', this.at(uri, p));
  }
  prepareRename(uri: string, p: Position): Promise<{ range: Range; placeholder: string } | null> {
    return this.conn.sendRequest('textDocument/prepareRename', this.at(uri, p));
  }
  rename(uri: string, p: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.conn.sendRequest('textDocument/rename', { ...this.at(uri, p), newName });
  }
  codeLens(uri: string): Promise<CodeLens[]> {
    return this.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }
  inlayHints(uri: string, range: Range): Promise<InlayHint[]> {
    return this.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range });
  }
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }
  documentDiagnostics(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }
  workspaceDiagnostics(
    previousResultIds: { uri: string; value: string }[],
    token?: CancellationTokenSource,
  ): Promise<WorkspaceDiagnosticReport> {
    const params = { previousResultIds };
    return token
      ? this.conn.sendRequest('workspace/diagnostic', params, token.token)
      : this.conn.sendRequest('workspace/diagnostic', params);
  }
  /** One of podpath's own requests (protocol.ts), typed by its declaration. */
  send<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  send<R>(type: RequestType0<R, void>): Promise<R>;
  send(type: RequestType<unknown, unknown, void> | RequestType0<unknown, void>, params?: unknown): Promise<unknown> {
    return params === undefined
      ? this.conn.sendRequest(type as RequestType0<unknown, void>)
      : this.conn.sendRequest(type as RequestType<unknown, unknown, void>, params);
  }
  /** Any request by method name, params as given (tests of how other clients encode them). */
  request<R>(method: string, params: unknown, token?: CancellationTokenSource): Promise<R> {
    if (params === undefined) return this.conn.sendRequest(method) as Promise<R>;
    return (token ? this.conn.sendRequest(method, params, token.token) : this.conn.sendRequest(method, params)) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }

  get serverStderr(): string {
    return this.stderr;
  }
}

export { CancellationTokenSource };

/** Apply an LSP WorkspaceEdit's edits for one document to its text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The position of the `n`-th occurrence of `needle` in `text` (plus `delta` characters). */
export function posOf(text: string, needle: string, delta = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  at += delta;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
