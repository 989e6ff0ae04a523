/**
 * Getting diagnostics to the client for every indexed file, open or not: pulled
 * (`textDocument/diagnostic`, `workspace/diagnostic`) where the client supports it, pushed
 * (`textDocument/publishDiagnostics`) otherwise. Result ids change exactly when a file's
 * diagnostics may have changed, so unchanged files cost nothing; a workspace pull with
 * nothing new is held open until something changes (or the client cancels it).
 *
 * A client may pull open documents but never ask for the workspace (Neovim): until its first
 * `workspace/diagnostic`, files that are not open are pushed, so their findings reach it too;
 * a push is withdrawn (published empty) when the client pulls that file or the workspace.
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type DiagnosticServerCancellationData,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { normUri } from './folders';
import { isRenderedUri } from '../core/sources/helm/unit';

export type DiagnosticsMode = 'pull' | 'push';

/** What the publisher needs from the workspace. */
export interface DiagnosticsSource {
  /** Indexed files' URIs. */
  uris(): Iterable<string>;
  /** The LSP diagnostics of an indexed file (undefined when not indexed). Index already checked. */
  diagnosticsOf(uri: string): Diagnostic[] | undefined;
  /** The open document's version, if open. */
  versionOf(uri: string): number | undefined;
  /** Apply pending edits and run pending checks. */
  flush(): void;
}

export class DiagnosticsPublisher {
  private readonly instance = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  private seq = 0;
  private readonly ids = new Map<string, number>();
  /** The result id at which each URI was last evaluated for the client (reported, or found empty). */
  private readonly evaluated = new Map<string, string>();
  /** URIs whose last reported diagnostics were not empty. */
  private readonly nonEmpty = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private ready = false;
  /** Pull mode: the client has asked for workspace diagnostics at least once. */
  private workspacePulled = false;
  /** Pull mode: files not open whose diagnostics were pushed (non-empty), until pulled. */
  private readonly pushedUnpulled = new Set<string>();

  constructor(
    private readonly connection: Connection,
    readonly mode: DiagnosticsMode,
    private readonly refreshSupport: boolean,
    private readonly source: DiagnosticsSource,
  ) {}

  /** The first full index is checked: report everything. */
  setReady(): void {
    this.ready = true;
    this.changed(this.source.uris());
  }

  /** These files' diagnostics may have changed (edited, re-checked, removed, or settings changed). */
  changed(uris: Iterable<string>): void {
    // A rendered Helm template's diagnostics show at its template and values files (features/chartDiagnostics.ts).
    const list = [...uris].filter((u) => !isRenderedUri(u));
    for (const u of list) this.ids.set(u, ++this.seq);
    if (!this.ready || list.length === 0) return;
    if (this.mode === 'push') {
      for (const u of list) this.push(u);
      return;
    }
    if (!this.workspacePulled) for (const u of list) if (this.source.versionOf(u) === undefined) this.pushUnpulled(u);
    for (const w of [...this.waiters]) w();
    if (this.refreshSupport) this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** Pull mode, no workspace pull yet: push a file that is not open (its findings would reach nobody). */
  private pushUnpulled(uri: string): void {
    const diagnostics = this.source.diagnosticsOf(uri) ?? [];
    if (!diagnostics.length && !this.pushedUnpulled.has(uri)) return;
    if (diagnostics.length) this.pushedUnpulled.add(uri);
    else this.pushedUnpulled.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics });
  }

  /** The client now pulls this file: withdraw its push, so nothing is shown twice. */
  private withdrawPush(uri: string): void {
    if (!this.pushedUnpulled.delete(uri)) return;
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private resultId(uri: string): string {
    return `${this.instance}:${this.ids.get(uri) ?? 0}`;
  }

  private push(uri: string): void {
    const diagnostics = this.source.diagnosticsOf(uri) ?? [];
    if (!this.record(uri, diagnostics)) return;
    this.connection.sendDiagnostics({ uri, version: this.source.versionOf(uri), diagnostics });
  }

  /** Remember what the client now has; false when there is nothing worth sending (empty, and it had nothing). */
  private record(uri: string, diagnostics: Diagnostic[], clientHas = false): boolean {
    this.evaluated.set(uri, this.resultId(uri));
    const had = this.nonEmpty.has(uri) || clientHas;
    if (diagnostics.length) this.nonEmpty.add(uri);
    else this.nonEmpty.delete(uri);
    return diagnostics.length > 0 || had;
  }

  /** `textDocument/diagnostic`. */
  async document(
    uri: string,
    previousResultId: string | undefined,
    token: CancellationToken,
  ): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    if (!(await this.whenReady(token))) return cancelled();
    this.source.flush();
    this.withdrawPush(uri);
    const resultId = this.resultId(uri);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    const items = this.source.diagnosticsOf(uri) ?? [];
    this.record(uri, items, true);
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** `workspace/diagnostic`: the files whose diagnostics the client does not have yet; held open while there are none. */
  async workspace(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
  ): Promise<WorkspaceDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    const previous = new Map(params.previousResultIds.map((p) => [normUri(p.uri), p.value]));
    if (!this.workspacePulled) {
      this.workspacePulled = true;
      for (const uri of [...this.pushedUnpulled]) this.withdrawPush(uri);
    }
    for (;;) {
      if (!(await this.whenReady(token))) return cancelled();
      this.source.flush();
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const seen = new Set<string>();
      for (const uri of this.source.uris()) {
        if (isRenderedUri(uri)) continue;
        seen.add(uri);
        this.reportInto(items, uri, previous);
      }
      for (const uri of previous.keys()) if (!seen.has(uri)) this.reportInto(items, uri, previous);
      if (items.length) return { items };
      if (!(await this.nextChange(token))) return cancelled();
    }
  }

  private reportInto(items: WorkspaceDocumentDiagnosticReport[], uri: string, previous: Map<string, string>): void {
    const resultId = this.resultId(uri);
    const prev = previous.get(uri);
    if (prev === resultId || (prev === undefined && this.evaluated.get(uri) === resultId)) return;
    const diagnostics = this.source.diagnosticsOf(uri) ?? [];
    if (!this.record(uri, diagnostics, prev !== undefined)) return;
    previous.set(uri, resultId);
    items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: this.source.versionOf(uri) ?? null, resultId, items: diagnostics });
  }

  private whenReady(token: CancellationToken): Promise<boolean> {
    return this.ready
      ? Promise.resolve(!token.isCancellationRequested)
      : this.nextChange(token).then((ok) => (ok ? this.whenReady(token) : false));
  }

  /** Resolves true at the next change, false when the request is cancelled first. */
  private nextChange(token: CancellationToken): Promise<boolean> {
    if (token.isCancellationRequested) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        this.waiters.delete(wake);
        sub.dispose();
        resolve(ok);
      };
      const wake = (): void => done(true);
      this.waiters.add(wake);
      const sub = token.onCancellationRequested(() => done(false));
    });
  }
}

function cancelled(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled', { retriggerRequest: false });
}
