/**
 * One language-server instance's state: the index, the folders and their settings, the
 * open documents (which override the disk), the pending edits and the diagnostics
 * publisher. Edits are applied lazily: a request or the debounce flushes them, re-checks
 * what they touched and tells the client what changed.
 */
import type { Connection, InitializeParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createIndex } from '../core/api';
import { diagnosticsOf, type RuleSettings } from '../core/features/diagnostics';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { FileFacts, SourceFile } from '../core/model/resource';
import { IndexStatusNotification, TrafficPathChangedNotification, type IndexStatusParams } from '../protocol';
import { toDiagnostic } from '../handlers/convert';
import { readChartsFromDisk } from '../node/chartFiles';
import { isInside } from '../node/paths';
import { clientCaps, type ClientCaps, type InitOptions } from './caps';
import { checkSliceMs, Debouncer } from './debounce';
import { DiagnosticsPublisher } from './diagnostics';
import { DiskChanges } from './diskChanges';
import { displayPath, folderOf, isExcluded, isYamlPath, makeFolder, normUri, pathToUri, uriToPath, type Folder } from './folders';
import { readYamlFile, type FileText } from '../node/readYaml';
import { indexFolder } from './indexer';
import { clientSettings, defaultSettings, excludeChanged, indexOptions, type ConfigItem, type Settings } from './settings';
import { indexSummary, NO_FOLDER_WARNING } from './logText';
import { folderChartSettings, folderConfig, withConfig } from './podpathConfig';

type Pending = { text: string; version: number; path: string; facts?: FileFacts } | null;

export class Workspace {
  index: WorkspaceIndex;
  folders: Folder[] = [];
  readonly caps: ClientCaps;
  readonly publisher: DiagnosticsPublisher;
  private globalSettings: Settings = defaultSettings;
  /** Settings pushed by clients without `workspace/configuration`. */
  private pushedSettings: unknown;
  private readonly open = new Map<string, TextDocument>();
  private readonly pending = new Map<string, Pending>();
  private readonly debouncer: Debouncer;
  private generation = 0;
  private indexing = 0;
  private lastVersion = -1;
  private lastStatus = '';
  /** Watched changes while an indexing run may be reading the same files. */
  private readonly diskChanges = new DiskChanges();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    params: InitializeParams,
  ) {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    this.caps = clientCaps(params.capabilities, init);
    this.pushedSettings = init.settings;
    this.index = this.newIndex();
    this.debouncer = new Debouncer(() => this.flush(), init.debounceMs ?? 120);
    this.publisher = new DiagnosticsPublisher(connection, this.caps.pullDiagnostics ? 'pull' : 'push', this.caps.diagnosticRefresh, {
      uris: () => [...this.index.allFiles()].map((f) => f.uri),
      diagnosticsOf: (uri) => {
        const f = this.index.getFile(uri);
        return f ? diagnosticsOf(this.index, f, this.ruleSettingsFor(uri)).map(toDiagnostic) : undefined;
      },
      versionOf: (uri) => this.open.get(uri)?.version,
      flush: () => this.flush(),
    });
    // Some editors (Kate) send an empty workspaceFolders with the root in rootUri; old ones only rootPath.
    const root = params.rootUri ?? (params.rootPath ? pathToUri(params.rootPath) : null);
    const folders = params.workspaceFolders?.length ? params.workspaceFolders : root ? [{ uri: root, name: '' }] : [];
    for (const f of folders) {
      const folder = makeFolder(f.uri, f.name || undefined);
      if (folder) this.folders.push(folder);
    }
    documents.onDidChangeContent((e) => this.docChanged(e.document));
    documents.onDidClose((e) => this.docClosed(e.document));
  }

  /** After `shutdown`: requests are refused and indexing runs stop. */
  shutDown = false;

  shutdown(): void {
    this.shutDown = true;
    this.generation++;
    this.debouncer.cancel();
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  error(message: string): void {
    this.connection.console.error(message);
  }

  private newIndex(): WorkspaceIndex {
    return readChartsFromDisk(
      createIndex({}, (e, r, rule) => this.error(`rule ${rule} failed on ${r.file.uri}: ${(e as Error)?.stack ?? String(e)}`)),
      folderChartSettings(() => this.folders),
    );
  }

  /** After `initialized`: read settings, index every folder, report. */
  async start(): Promise<void> {
    if (!this.folders.length) {
      this.connection.console.warn(NO_FOLDER_WARNING);
    }
    await this.loadSettings();
    await this.indexAll(this.generation);
  }

  /** The flushed file of a URI, if indexed. */
  file(uri: string): SourceFile | undefined {
    this.flush();
    return this.index.getFile(normUri(uri));
  }

  isOpen = (uri: string): boolean => this.open.has(uri);

  settingsFor(uri: string): Settings {
    const p = uriToPath(uri);
    return (p !== undefined ? folderOf(this.folders, p)?.settings : undefined) ?? this.globalSettings;
  }

  ruleSettingsFor = (uri: string): RuleSettings => this.settingsFor(uri).rules;

  /** Apply pending edits, re-check what they touch, and tell the client what changed. */
  flush(): void {
    this.debouncer.cancel();
    if (this.pending.size === 0 && this.index.pending === 0) return;
    const touched: string[] = [];
    for (const [uri, p] of this.pending) {
      try {
        if (p) this.index.setFile(uri, p.path, p.text, p.version, p.facts);
        else this.index.removeFile(uri);
      } catch (e) {
        this.error(`cannot index ${uri}: ${(e as Error)?.stack ?? String(e)}`);
      }
      touched.push(uri);
    }
    this.pending.clear();
    let changed = new Set<string>();
    // One slice of the re-check: what is left runs after the requests and events waiting now.
    const deadline = Date.now() + checkSliceMs;
    try {
      changed = this.index.check(() => Date.now() >= deadline);
    } catch (e) {
      this.error(`check failed: ${(e as Error)?.stack ?? String(e)}`);
    }
    for (const u of touched) changed.add(u);
    this.afterChange(changed);
    this.continueCheck();
  }

  /** While a re-check has resources left, the next slice after what is waiting; the log says when one is long. */
  private continueCheck(): void {
    const left = this.index.pending;
    if (left === 0) {
      if (this.longCheck) {
        this.log(`re-check done in ${Date.now() - this.longCheck.started} ms (${this.longCheck.slices} slices)`);
        if (this.indexing === 0) this.sendStatus('ready');
      }
      this.longCheck = undefined;
      for (const done of this.checkWaiters.splice(0)) done();
      return;
    }
    if (!this.longCheck) {
      this.longCheck = { started: Date.now(), slices: 1 };
      this.log(`re-check of ${left} more resources cut into slices of ${checkSliceMs} ms: requests are answered in between`);
    } else this.longCheck.slices++;
    if (this.sliceQueued || this.shutDown) return;
    this.sliceQueued = true;
    setImmediate(() => {
      this.sliceQueued = false;
      this.flush();
    });
  }

  /** Resolves when no re-check is left (at once if none is running). */
  private checked(): Promise<void> {
    if (this.index.pending === 0) return Promise.resolve();
    return new Promise((done) => this.checkWaiters.push(done));
  }

  private longCheck: { started: number; slices: number } | undefined;
  private sliceQueued = false;
  private readonly checkWaiters: (() => void)[] = [];

  /** Queue a file's new text (or its removal, with null), and flush it after the debounce. */
  queue(uri: string, next: Pending): void {
    this.pending.set(uri, next);
  }
  scheduleFlush(): void {
    this.debouncer.schedule();
  }

  private afterChange(changed: Iterable<string>): void {
    this.publisher.changed(changed);
    if (this.index.version === this.lastVersion) return;
    this.lastVersion = this.index.version;
    this.connection.sendNotification(TrafficPathChangedNotification).catch(() => undefined);
    this.sendStatus(this.indexing > 0 || this.index.pending > 0 ? 'indexing' : 'ready');
    if (this.caps.codeLensRefresh) this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (this.caps.inlayHintRefresh) this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  sendStatus(state: IndexStatusParams['state']): void {
    const { fileCount: files, resourceCount: resources, skippedCount: skipped } = this.index;
    const status: IndexStatusParams = { state, files, resources, skipped };
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.connection.sendNotification(IndexStatusNotification, status).catch(() => undefined);
  }

  // Documents

  /** Whether a file belongs in the index: a YAML file on disk, outside every exclusion. */
  accepts(uri: string, languageId?: string): boolean {
    const p = uriToPath(uri);
    if (p === undefined || !(isYamlPath(p) || languageId === 'yaml')) return false;
    const folder = folderOf(this.folders, p);
    return !folder || !isExcluded(folder, p);
  }

  pathOf(uri: string): string {
    const p = uriToPath(uri);
    return p === undefined ? uri : displayPath(this.folders, p);
  }

  private docChanged(doc: TextDocument): void {
    const uri = normUri(doc.uri);
    this.open.set(uri, doc);
    // A file the index holds was accepted by the same rules when it was read (a change of
    // them re-indexes); only another one is asked about.
    if (!this.index.getFile(uri) && !this.accepts(uri, doc.languageId)) return;
    this.queue(uri, { text: doc.getText(), version: doc.version, path: this.pathOf(uri) });
    this.scheduleFlush();
  }

  /** A closed document goes back to its disk text (read at once, so no request sees the editor's text after the close). */
  private docClosed(doc: TextDocument): void {
    const uri = normUri(doc.uri);
    this.open.delete(uri);
    const p = uriToPath(uri);
    const folder = p !== undefined ? folderOf(this.folders, p) : undefined;
    let file: FileText | undefined;
    try {
      if (p !== undefined && folder && this.accepts(uri))
        file = readYamlFile(
          p,
          folder.settings.maxFileSize,
          this.folders.map((f) => f.realPath),
        );
    } catch {
      // Gone from disk, or not to be read: it leaves the index.
    }
    this.queue(uri, file === undefined ? null : { ...file, version: 0, path: this.pathOf(uri) });
    this.scheduleFlush();
  }

  /** The watcher saw this file or folder change on disk (see DiskChanges). */
  noteDiskChange(uri: string): void {
    if (this.indexing > 0) this.diskChanges.note(uri);
  }

  // ------------------------------------------------------------------------------------
  // Settings, folders, re-indexing

  /** Read the settings of every folder (and the global ones); apply what changed. */
  async loadSettings(pushed?: unknown): Promise<void> {
    if (pushed !== undefined) this.pushedSettings = pushed;
    const before = this.folders.map((f) => f.settings);
    const beforeGlobal = this.globalSettings;
    const warn = (m: string): void => this.log(`settings: ${m}`);
    const pull = this.caps.configuration
      ? (items: ConfigItem[]) => this.connection.workspace.getConfiguration(items) as Promise<unknown[]>
      : undefined;
    const got = await clientSettings(
      pull,
      this.folders.map((f) => f.uri),
      this.pushedSettings,
      warn,
      (m) => this.error(m),
      this.folders[0]?.fsPath,
    );
    this.folders.forEach((f, i) => (f.settings = got.folders[i] ?? got.global));
    this.globalSettings = got.global;
    // Each folder's .podpath.yaml, as the CLI reads it for that folder.
    for (const f of this.folders) f.settings = withConfig(f.settings, folderConfig(f.fsPath, warn), f.fsPath);
    const main = this.folders[0]?.settings ?? this.globalSettings;
    const o = this.index.options;
    // Files over the old limit were never read: only the disk can say what they hold now.
    if (o.maxFileSize !== main.maxFileSize && this.lastVersion >= 0) {
      await this.reindex();
      return;
    }
    if (
      o.defaultNamespace !== main.defaultNamespace ||
      o.clusterDomain !== main.clusterDomain ||
      o.maxFileSize !== main.maxFileSize ||
      o.nodePortRange.join('-') !== main.nodePortRange.join('-') ||
      JSON.stringify(o.units?.units ?? []) !== JSON.stringify(main.units)
    ) {
      this.index.setOptions(indexOptions(main));
    }
    const excludes =
      this.folders.some((f, i) => before[i] && excludeChanged(before[i]!, f.settings)) || excludeChanged(beforeGlobal, this.globalSettings);
    if (excludes && this.lastVersion >= 0) {
      await this.reindex();
      return;
    }
    this.flush();
    this.publisher.changed([...this.index.allFiles()].map((f) => f.uri));
    if (this.caps.codeLensRefresh) this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (this.caps.inlayHintRefresh) this.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  /** Drop the index and read every folder again (open documents stay as they are). */
  async reindex(): Promise<void> {
    const gen = ++this.generation;
    for (const f of this.folders) f.ignores.clear();
    const old = [...this.index.allFiles()].map((f) => f.uri);
    this.index = this.newIndex();
    const main = this.folders[0]?.settings ?? this.globalSettings;
    this.index.setOptions(indexOptions(main));
    this.pending.clear();
    for (const [uri, doc] of this.open)
      if (this.accepts(uri, doc.languageId)) this.queue(uri, { text: doc.getText(), version: doc.version, path: this.pathOf(uri) });
    this.publisher.changed(old);
    await this.indexAll(gen);
  }

  async addFolders(added: { uri: string; name: string }[], removed: { uri: string }[]): Promise<void> {
    for (const r of removed) {
      const uri = normUri(r.uri);
      const gone = this.folders.find((f) => f.uri === uri);
      this.folders = this.folders.filter((f) => f !== gone);
      if (!gone) continue;
      for (const file of [...this.index.allFiles()]) {
        const p = uriToPath(file.uri);
        const stillIn = p !== undefined && folderOf(this.folders, p);
        if (p !== undefined && isInside(p, gone.fsPath) && !stillIn && !this.open.has(file.uri)) this.queue(file.uri, null);
      }
    }
    const fresh = added.map((a) => makeFolder(a.uri, a.name)).filter((f): f is Folder => f !== undefined);
    this.folders.push(...fresh);
    await this.loadSettings();
    const gen = this.generation;
    this.indexing++;
    try {
      for (const f of fresh) await indexFolder(this.indexerHost(gen, f), f, () => undefined);
    } finally {
      this.doneIndexing();
    }
    this.flush();
    // A full index may still be running (a folder removed from it, say): the status says so.
    this.sendStatus(this.indexing > 0 || this.index.pending > 0 ? 'indexing' : 'ready');
  }

  /** What an indexing run of one folder sees; it stops when superseded or when the folder leaves the workspace. */
  private indexerHost(gen: number, folder: Folder): Parameters<typeof indexFolder>[0] {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter below needs the instance, not the object literal
    const ws = this;
    return {
      index: this.index,
      get folders() {
        return ws.folders;
      },
      isOpen: (u) => this.open.has(u),
      log: (m) => this.log(m),
      current: () => gen === this.generation && this.folders.includes(folder),
      diskSeq: () => this.diskChanges.current(),
      changedSince: (uri, seq) => this.diskChanges.changedSince(uri, seq),
    };
  }

  private doneIndexing(): void {
    if (--this.indexing === 0) this.diskChanges.clear();
  }

  private async indexAll(gen: number): Promise<void> {
    this.indexing++;
    this.sendStatus('indexing');
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('podpath: indexing', 0, `${this.folders.length} folder(s)`, false);
    const started = Date.now();
    try {
      for (const folder of [...this.folders]) {
        if (!this.folders.includes(folder)) continue;
        await indexFolder(this.indexerHost(gen, folder), folder, (done, total) => {
          progress.report(Math.round((100 * done) / Math.max(total, 1)), `${folder.name}: ${done}/${total} files`);
          if (done % 512 < 32) this.sendStatus('indexing');
        });
        if (gen !== this.generation) return;
      }
    } finally {
      this.doneIndexing();
      progress.done();
    }
    this.flush();
    await this.checked();
    if (gen !== this.generation) return;
    this.log(`indexed ${indexSummary(this.index)} in ${Date.now() - started} ms`);
    this.sendStatus('ready');
    this.publisher.setReady();
  }
}
