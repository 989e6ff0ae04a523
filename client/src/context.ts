/**
 * Everything the extension holds: the output channel, the language client (restarted a
 * few times if the server crashes, and saying so), the status bar, the commands and the
 * traffic-path panels. One object, one `dispose`.
 */
import { window, type Disposable, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  checkChartVariantCommand,
  IndexStatusNotification,
  showTrafficPathCommand,
  TrafficPathChangedNotification,
  TrafficPathRequest,
  type TrafficPathParams,
  type TrafficPathResult,
} from '../../server/src/protocol';
import { registerCommands, showOutputCommand } from './commands';
import { RestartPolicy } from './restartPolicy';
import { StatusBar } from './statusBar';
import { TrafficPanel } from './trafficPanel';

export class PodpathContext implements Disposable {
  readonly output: LogOutputChannel;
  readonly client: LanguageClient;
  readonly statusBar: StatusBar;
  private readonly disposables: Disposable[] = [];
  private readonly restarts = new RestartPolicy();

  constructor(readonly extension: ExtensionContext) {
    this.output = window.createOutputChannel('podpath', { log: true });
    this.statusBar = new StatusBar(showOutputCommand);
    const module = extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // YAML files only; podpath registers no language and no schema, so Red Hat's YAML
      // extension keeps doing completion/validation against schemas alongside it.
      // `helm`: chart templates opened with a Helm extension installed (podpath renders the chart).
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'helm' },
      ],
      outputChannel: this.output,
      errorHandler: this.errorHandler(),
      markdown: { isTrusted: false, supportHtml: false },
      // The lens commands run here (the panel; the setting podpath.units): the server must not offer
      // them too (vscode-languageclient would register the same command id a second time).
      initializationOptions: { clientCommands: [showTrafficPathCommand, checkChartVariantCommand] },
    };
    this.client = new LanguageClient('podpath', 'podpath', serverOptions, clientOptions);
    this.disposables.push(this.output, this.statusBar);
  }

  async start(): Promise<void> {
    this.disposables.push(...registerCommands(this));
    this.disposables.push(TrafficPanel.registerSerializer(this.extension, (t) => this.graph(t), this.output));
    this.disposables.push(
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Starting) this.statusBar.starting();
        if (e.newState === State.Stopped) this.statusBar.stopped('the language server is not running');
      }),
      this.client.onNotification(IndexStatusNotification, (s) => this.statusBar.index(s)),
      this.client.onNotification(TrafficPathChangedNotification, () => void TrafficPanel.refresh()),
    );
    try {
      await this.client.start();
    } catch (e) {
      this.output.appendLine(`podpath: the language server did not start: ${String(e)}`);
      this.statusBar.stopped('the language server did not start');
    }
  }

  /** Start a server that was left stopped (see RestartPolicy), with a fresh count of crashes. */
  async restartServer(): Promise<void> {
    this.restarts.reset();
    await this.client.start();
  }

  /** The traffic path of a Service, from the server. */
  graph(target: TrafficPathParams): Promise<TrafficPathResult> {
    return this.client.sendRequest(TrafficPathRequest, target);
  }

  /** Restart a crashed server a few times in a few minutes (RestartPolicy), and tell the user each time. */
  private errorHandler(): ErrorHandler {
    return {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        const { restart, message } = this.restarts.closed();
        this.output.appendLine(message);
        if (!restart) {
          this.statusBar.stopped('the language server crashed repeatedly');
          return { action: CloseAction.DoNotRestart, message };
        }
        void window.showWarningMessage(message);
        return { action: CloseAction.Restart, message, handled: true };
      },
    };
  }

  dispose(): void {
    void this.client.stop().catch(() => undefined);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
