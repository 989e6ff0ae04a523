/** What the client can do, read once from `initialize`, and the server's own start options. */
import type { ClientCapabilities } from 'vscode-languageserver';
import { checkChartVariantCommand, showTrafficPathCommand } from '../protocol';

/** `initializationOptions` the server understands (all optional). */
export interface InitOptions {
  /** Quiet time after an edit before diagnostics are recomputed (ms). */
  debounceMs?: number;
  /** Force pull or push diagnostics regardless of the client's capabilities. */
  diagnosticsMode?: 'pull' | 'push';
  /** Settings for clients without `workspace/configuration` (`{ podpath: {...} }`). */
  settings?: unknown;
  /**
   * Commands the client runs itself, so the server must not offer them through
   * `workspace/executeCommand` (VS Code's extension: `podpath.showTrafficPath` opens its panel).
   */
  clientCommands?: string[];
}

export interface ClientCaps {
  /** Document and workspace pull diagnostics; otherwise the server pushes. */
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  watchRegistration: boolean;
  configRegistration: boolean;
  codeLensRefresh: boolean;
  inlayHintRefresh: boolean;
  workspaceFolders: boolean;
  /** The client runs `podpath.showTrafficPath` itself; otherwise the server executes it. */
  showsTrafficPath: boolean;
  /** The client runs `podpath.checkChartVariant` itself (the setting); otherwise the server executes it (`.podpath.yaml`). */
  addsChartVariants: boolean;
  /** `workspace/applyEdit` may create a file (a new `.podpath.yaml`). */
  createFiles: boolean;
}

export function clientCaps(c: ClientCapabilities, init: InitOptions): ClientCaps {
  // Workspace pull is what brings diagnostics of files that are not open; without it, push.
  const canPull = c.textDocument?.diagnostic !== undefined && c.workspace?.diagnostics !== undefined;
  return {
    pullDiagnostics: init.diagnosticsMode ? init.diagnosticsMode === 'pull' : canPull,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    watchRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    codeLensRefresh: c.workspace?.codeLens?.refreshSupport === true,
    inlayHintRefresh: c.workspace?.inlayHint?.refreshSupport === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    showsTrafficPath: Array.isArray(init.clientCommands) && init.clientCommands.includes(showTrafficPathCommand),
    addsChartVariants: Array.isArray(init.clientCommands) && init.clientCommands.includes(checkChartVariantCommand),
    createFiles: c.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
  };
}
