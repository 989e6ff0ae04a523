/**
 * The built server as three kinds of editor drive it, each by the capabilities it announces:
 * VS Code (pull diagnostics for documents and the workspace, workspace/configuration, the
 * lens command run by the extension), Neovim (document pull only, no workspace/configuration,
 * settings in initializationOptions, lens commands run through workspace/executeCommand,
 * `[]` for empty params), and a minimal client (no capabilities, no workspace folder).
 * What a user of each must see: every file's findings, the code lens working, settings applied.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClientCapabilities, Diagnostic, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { checkChartVariantCommand, ServicesRequest, showTrafficPathCommand, type ShowTrafficPathResult } from '../../server/src/protocol';
import { copyFixture, removeDir, TestClient, uriOf } from './client';

const RULE = 'service-target-port-not-found';
const has = (ds: Diagnostic[] | undefined): boolean => (ds ?? []).some((d) => d.code === RULE);

/** Neovim 0.11's relevant capabilities: document pull, no workspace pull requests, no workspace/configuration. */
const neovim: ClientCapabilities = {
  workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    codeLens: { dynamicRegistration: false },
  },
};

describe('client profiles', () => {
  describe('VS Code-like: workspace pull, configuration, the extension runs the lens command', () => {
    let dir = '';
    let c: TestClient;
    before(async () => {
      dir = copyFixture('lsp-shop');
      c = await TestClient.start({
        folders: [dir],
        pull: true,
        initializationOptions: { clientCommands: [showTrafficPathCommand, checkChartVariantCommand] },
      });
    });
    after(async () => {
      await c.stop();
      removeDir(dir);
    });

    it('pulls the findings of files it never opened, and gets none pushed', async () => {
      const report = await c.workspaceDiagnostics([]);
      const item = report.items.find((i) => i.uri === uriOf(join(dir, 'services/api-svc.yaml'))) as WorkspaceDocumentDiagnosticReport & {
        items: Diagnostic[];
      };
      assert.ok(has(item?.items));
      assert.deepEqual(
        [...c.published.values()].filter((p) => p.diagnostics.length),
        [],
      );
    });

    it('leaves the lens commands to the client: the server offers no executeCommand', () => {
      assert.equal(c.initResult?.capabilities.executeCommandProvider, undefined);
      assert.ok(c.initResult?.capabilities.diagnosticProvider);
    });
  });

  describe('Neovim-like: document pull only, no workspace/configuration', () => {
    let dir = '';
    let c: TestClient;
    const api = (): string => uriOf(join(dir, 'services/api-svc.yaml'));
    before(async () => {
      dir = copyFixture('lsp-shop');
      // Settings come with initialize: the client cannot answer workspace/configuration.
      c = await TestClient.start({
        folders: [dir],
        capabilities: neovim,
        initializationOptions: { settings: { podpath: { rules: { 'service-selector-no-match': 'off' } } } },
      });
      await c.ready();
    });
    after(async () => {
      await c.stop();
      removeDir(dir);
    });

    it('gets the findings of files it has not opened pushed, as it never pulls the workspace', async () => {
      await c.pushed(api(), (ds) => has(ds));
    });

    it('sees each finding once: pulling an opened file withdraws its push', async () => {
      await c.open(api(), readFileSync(join(dir, 'services/api-svc.yaml'), 'utf8'));
      const pulled = await c.documentDiagnostics(api());
      assert.equal(pulled.kind, 'full');
      assert.ok(has((pulled as { items: Diagnostic[] }).items));
      await c.pushed(api(), (ds) => ds.length === 0);
    });

    it('applies the settings given in initializationOptions', async () => {
      const orphan =
        'apiVersion: v1\nkind: Service\nmetadata: { name: lonely, namespace: shop }\nspec:\n  selector: { app: nothing-has-this }\n  ports: [{ port: 80 }]\n';
      const u = uriOf(join(dir, 'services/lonely.yaml'));
      await c.open(u, orphan);
      const pulled = (await c.documentDiagnostics(u)) as { items: Diagnostic[] };
      assert.deepEqual(
        pulled.items.map((d) => d.code),
        [],
        'service-selector-no-match is off',
      );
      await c.close(u);
    });

    it('answers podpath/services with params [] (how Lua encodes an empty table) with every Service', async () => {
      const viaArray = await c.request<{ name: string }[]>(ServicesRequest.method, []);
      assert.deepEqual(viaArray, await c.send(ServicesRequest, {}));
      assert.ok(
        ['api', 'web'].every((n) => viaArray.some((s) => s.name === n)),
        JSON.stringify(viaArray),
      );
    });

    it('runs the code lens command on the server: the traffic path as text, shown and returned', async () => {
      assert.deepEqual(c.initResult?.capabilities.executeCommandProvider?.commands, [showTrafficPathCommand, checkChartVariantCommand]);
      const web = uriOf(join(dir, 'services/web-svc.yaml'));
      const lens = (await c.codeLens(web)).find((l) => l.command?.command === showTrafficPathCommand);
      assert.ok(lens?.command, 'a lens with the command');
      const result = await c.request<ShowTrafficPathResult>('workspace/executeCommand', {
        command: lens.command.command,
        arguments: lens.command.arguments,
      });
      assert.deepEqual(result?.service, { namespace: 'shop', name: 'web' });
      assert.match(result!.text, /^Service shop\/web \(NodePort\)/);
      assert.ok(result!.graph.nodes.some((n) => n.kind === 'node-port'));
      await c.until(() => c.messages.some((m) => m.message === result!.text));
    });

    it('says what a lens command needs when its argument is missing, instead of failing silently', async () => {
      const result = await c.request<ShowTrafficPathResult>('workspace/executeCommand', { command: showTrafficPathCommand, arguments: [] });
      assert.equal(result, null);
      await c.until(() => c.messages.some((m) => m.message.includes('needs an argument')));
    });
  });

  describe('minimal: no capabilities, no workspace folder', () => {
    let dir = '';
    let c: TestClient;
    before(async () => {
      dir = copyFixture('lsp-shop');
      c = await TestClient.start({ folders: [], capabilities: {}, initialize: { workspaceFolders: null, rootUri: null } });
    });
    after(async () => {
      await c.stop();
      removeDir(dir);
    });

    it('warns in the log that only open files are checked', async () => {
      await c.until(() => c.logs.some((l) => l.type === 2 && l.message.includes('no workspace folder')));
    });

    it('pushes the findings of an opened file, and the lens command runs on the server', async () => {
      const api = uriOf(join(dir, 'services/api-svc.yaml'));
      const apps = uriOf(join(dir, 'apps/api.yaml'));
      await c.open(apps, readFileSync(join(dir, 'apps/api.yaml'), 'utf8'));
      await c.open(api, readFileSync(join(dir, 'services/api-svc.yaml'), 'utf8'));
      await c.pushed(api, (ds) => has(ds));
      assert.deepEqual(c.initResult?.capabilities.executeCommandProvider?.commands, [showTrafficPathCommand, checkChartVariantCommand]);
      assert.equal(c.initResult?.capabilities.diagnosticProvider, undefined);
    });
  });
});
