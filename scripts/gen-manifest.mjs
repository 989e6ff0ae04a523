// Writes package.json's `contributes` (commands, menus, configuration) from the code: one
// property per rule id of `allRuleMetas` under `podpath.rules`, and every setting of
// server/src/workspace/settings.ts. Run after adding a rule or a setting:
//   node scripts/gen-manifest.mjs          (rewrites package.json)
//   node scripts/gen-manifest.mjs --check  (exit 1 when package.json is out of date)
// test/unit/manifest.test.ts fails when the two disagree.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The rule metas and settings, read from the TypeScript sources through a throwaway bundle. */
async function loadCode() {
  const out = await esbuild.build({
    stdin: {
      contents: "export { allRuleMetas } from './server/src/core/rules'; export { settingKeys, defaultSettings, ruleSettingValues } from './server/src/workspace/settings';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'error',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(join(root, 'package.json')));
  return mod.exports;
}

const docs = 'https://github.com/podpath/podpath/blob/main/docs/rules/';

export async function contributes() {
  const { allRuleMetas, settingKeys, defaultSettings, ruleSettingValues } = await loadCode();
  const rules = {};
  for (const m of allRuleMetas) {
    rules[m.id] = {
      type: 'string',
      enum: [...ruleSettingValues],
      markdownDescription: `${m.description} Default: \`${m.severity}\`. [Rule page](${docs}${m.id}.md)`,
    };
  }
  const [lo, hi] = defaultSettings.nodePortRange;
  const properties = {
    'podpath.rules': {
      type: 'object',
      scope: 'resource',
      default: {},
      additionalProperties: false,
      properties: rules,
      markdownDescription: 'Severity per rule id: `off`, `error`, `warning`, `info` or `hint` (overrides the rule\'s default). Example: `{ "host-port-scheduling": "off" }`.',
    },
    'podpath.defaultNamespace': {
      type: 'string', scope: 'window', default: defaultSettings.defaultNamespace, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      markdownDescription: 'Namespace of objects without `metadata.namespace` (and not given one by a `kustomization.yaml`). Applies to the whole workspace (the first folder\'s value in a multi-root workspace).',
    },
    'podpath.nodePortRange': {
      type: 'string', scope: 'window', default: `${lo}-${hi}`, pattern: '^\\s*\\d+\\s*-\\s*\\d+\\s*$',
      markdownDescription: 'The cluster\'s node-port range (kube-apiserver `--service-node-port-range`), for `node-port-out-of-range` and free-port suggestions.',
    },
    'podpath.clusterDomain': {
      type: 'string', scope: 'window', default: defaultSettings.clusterDomain,
      markdownDescription: 'The cluster DNS domain, for Service references like `web.shop.svc.cluster.local`.',
    },
    'podpath.exclude': {
      type: 'array', scope: 'resource', default: [], items: { type: 'string' },
      markdownDescription: 'Glob patterns (relative to the workspace folder) of files and folders podpath does not index, in addition to `.gitignore` and `#files.exclude#`.',
    },
    'podpath.maxFileSize': {
      type: 'number', scope: 'window', default: defaultSettings.maxFileSize, minimum: 1,
      markdownDescription: 'Files larger than this many bytes are not analysed (a `file-skipped` info says so). Default: 5 MB.',
    },
    'podpath.codeLens.enable': {
      type: 'boolean', scope: 'resource', default: defaultSettings.codeLens.enable,
      markdownDescription: 'Show code lenses: `Show traffic path · 3 pods · 2 routes` above Services, `exposed by web:80` above workloads.',
    },
    'podpath.inlayHints.enable': {
      type: 'boolean', scope: 'resource', default: defaultSettings.inlayHints.enable,
      markdownDescription: 'Show inlay hints: where a `targetPort` lands (`→ api:8080`) and how many workloads a selector matches.',
    },
    'podpath.trace.server': {
      type: 'string', scope: 'window', enum: ['off', 'messages', 'verbose'], default: 'off',
      description: 'Traces the communication between VS Code and the podpath language server (in the "podpath" output).',
    },
  };
  const missing = settingKeys.filter((k) => !(k in properties));
  if (missing.length) throw new Error(`settings without a manifest entry: ${missing.join(', ')}`);
  const yaml = 'resourceLangId == yaml';
  return {
    commands: [
      { command: 'podpath.showTrafficPath', title: 'Show Traffic Path', category: 'podpath', icon: '$(type-hierarchy)' },
      { command: 'podpath.reindex', title: 'Re-index Workspace', category: 'podpath' },
      { command: 'podpath.showOutput', title: 'Show Output', category: 'podpath' },
    ],
    menus: {
      'explorer/context': [{ command: 'podpath.showTrafficPath', when: yaml, group: 'navigation@90' }],
      'editor/context': [{ command: 'podpath.showTrafficPath', when: yaml, group: 'navigation@90' }],
      'editor/title/context': [{ command: 'podpath.showTrafficPath', when: yaml, group: 'navigation@90' }],
    },
    configuration: { title: 'podpath', properties },
  };
}

const pkgPath = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
const next = { ...pkg, contributes: await contributes() };
const text = JSON.stringify(next, null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (text !== readFileSync(pkgPath, 'utf8')) {
    console.error('package.json contributes is out of date: run node scripts/gen-manifest.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(pkgPath, text);
}
