/**
 * code-server for the e2e suite: fresh user-data and extensions folders, the VSIX installed,
 * a quiet and predictable workbench configuration, and a server on a free 127.0.0.1 port
 * that stops with its whole process group (a process 'exit' hook kills it should the test
 * process end any other way).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, withoutNpmVariables, type Provisioned } from './provision';

/** Workbench settings that keep the UI quiet and predictable. */
export const workbenchSettings: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'workbench.editor.enablePreviewFromQuickOpen': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'window.commandCenter': false,
  // The page title names the active editor's full path: a reliable "which file is open" probe.
  'window.title': '${activeEditorLong}${separator}podpath-e2e',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'npm.autoDetect': 'off',
  'editor.minimap.enabled': false,
  'editor.codeLens': true,
  // Inlay hints are drawn inside the text lines (`targetPort: http → nginx:8080`) and would
  // shift what the steps read and click; no step is about them.
  'editor.inlayHints.enabled': 'off',
  'editor.lightbulb.enabled': 'on',
  'editor.hover.enabled': true,
  'editor.hover.delay': 200,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.inlineSuggest.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.formatOnType': false,
  'editor.formatOnSave': false,
  'editor.occurrencesHighlight': 'off',
  'editor.gotoLocation.multipleDefinitions': 'goto',
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'problems.autoReveal': true,
  'problems.defaultViewMode': 'tree',
  'terminal.integrated.enablePersistentSessions': false,
  'workbench.remoteIndicator.showExtensionRecommendations': false,
};

export interface CodeServer {
  url: string;
  folder: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  provisioned: Provisioned;
  vsix: string;
  /** Folder opened in the workbench (the copied fixture). */
  folder: string;
  /** Temporary folder that will hold user data, extensions and logs. */
  tempDir: string;
}

function codeServerEnv(p: Provisioned): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...withoutNpmVariables(process.env), PATH: `${p.nodeBinDir}:${process.env.PATH ?? ''}` };
  // Nothing of the test runner's own Node settings may leak into code-server's Node 24.
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** Runs the code-server CLI to completion (extension management), returning stdout. */
function codeServerCli(p: Provisioned, args: string[]): string {
  const r = spawnSync(p.codeServer, args, { env: codeServerEnv(p), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`code-server ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`.trimEnd());
  }
  return r.stdout;
}

export function listExtensions(p: Provisioned, extensionsDir: string): string[] {
  return codeServerCli(p, ['--list-extensions', '--extensions-dir', extensionsDir])
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l.length > 0);
}

const liveServers = new Set<ChildProcess>();
process.on('exit', () => {
  // Last resort, synchronous: a code-server left behind by an aborted run dies with us.
  for (const child of liveServers) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const userDataDir = join(o.tempDir, 'user-data');
  const extensionsDir = join(o.tempDir, 'extensions');
  const logFile = join(o.tempDir, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(workbenchSettings, null, 2));
  // Our own config file, so a developer's ~/.config/code-server/config.yaml (password, cert) never applies.
  const configFile = join(o.tempDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  log(`installing ${o.vsix} into ${extensionsDir}`);
  codeServerCli(o.provisioned, [
    '--config',
    configFile,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--install-extension',
    o.vsix,
  ]);

  const args = [
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
    '--disable-proxy',
    // Safety net: should this process die without stopping it, code-server exits once idle.
    '--idle-timeout-seconds',
    '900',
    o.folder,
  ];
  log(`starting code-server ${args.join(' ')}`);
  const child = spawn(o.provisioned.codeServer, args, {
    env: codeServerEnv(o.provisioned),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() also ends its extension host and language server
  });
  liveServers.add(child);
  const logStream = createWriteStream(logFile);
  child.stdout?.pipe(logStream, { end: false });
  child.stderr?.pipe(logStream, { end: false });

  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const url = await new Promise<string>((res, rej) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(seen);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        res(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) =>
      rej(new Error(`code-server exited (${code ?? signal}) before listening; log: ${logFile}\n${seen}`)),
    );
    child.once('error', rej);
  });
  log(`code-server is listening on ${url} (log: ${logFile})`);

  let stopped = false;
  return {
    url,
    folder: o.folder,
    userDataDir,
    extensionsDir,
    logFile,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        // Give it a moment to exit cleanly; then make sure the whole group is gone.
        const escalate = setTimeout(() => {
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 5_000);
        await exited;
        clearTimeout(escalate);
      }
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL'); // stragglers of the group (extension host, server)
      } catch {
        /* none left */
      }
      liveServers.delete(child);
      logStream.end();
    },
  };
}
