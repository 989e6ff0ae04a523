// Writes package.json's `contributes` (commands, menus, configuration, walkthroughs) from the code: one
// setting `podpath.rules.<id>` per rule of `allRuleMetas`, and every other setting of
// server/src/workspace/settings.ts; and the README's settings and rules tables from the same data.
// Run after adding a rule or a setting:
//   node scripts/gen-manifest.mjs          (rewrites package.json and the README tables)
//   node scripts/gen-manifest.mjs --check  (exit 1 when either is out of date)
// test/unit/manifest.test.ts fails when the two disagree.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { fillBlocks, rulesTable, settingsTable } from './readme-tables.mjs';
import { walkthroughs } from './walkthrough.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The rule metas and settings, read from the TypeScript sources through a throwaway bundle. */
async function loadCode() {
  const out = await esbuild.build({
    stdin: {
      contents:
        "export { allRuleMetas, ruleDocsUrl } from './server/src/core/rules'; export { settingKeys, defaultSettings, ruleSettingValues } from './server/src/workspace/settings';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(join(root, 'package.json')));
  return mod.exports;
}

const severityWords = {
  off: 'Not reported.',
  error: 'An error.',
  warning: 'A warning.',
  info: 'Information.',
  hint: 'A hint: no squiggle, only dots under the text.',
};

/** One setting per rule: `podpath.rules.<id>`, `default` unless the user picks a severity. */
function ruleSettings(allRuleMetas, ruleSettingValues, ruleDocsUrl) {
  const out = {};
  allRuleMetas.forEach((m, order) => {
    const own = m.severityNote ?? `\`${m.severity}\``;
    out[`podpath.rules.${m.id}`] = {
      type: 'string',
      scope: 'resource',
      enum: [...ruleSettingValues],
      default: 'default',
      markdownEnumDescriptions: ruleSettingValues.map((v) => (v === 'default' ? `The rule's own severity: ${own}.` : severityWords[v])),
      markdownDescription: `${m.description}\n\nDefault severity: ${own}. [What it checks, and how to fix or silence it](${ruleDocsUrl(m.id)}).`,
      order,
    };
  });
  return out;
}

/** package.json's `contributes`, from the code's rule metas and settings. */
export function contributes(code) {
  const { allRuleMetas, ruleDocsUrl, settingKeys, defaultSettings, ruleSettingValues } = code;
  const [lo, hi] = defaultSettings.nodePortRange;
  const general = {
    'podpath.defaultNamespace': {
      type: 'string',
      scope: 'window',
      default: defaultSettings.defaultNamespace,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      markdownDescription:
        "Namespace of objects without `metadata.namespace` (and not given one by a `kustomization.yaml`). Applies to the whole workspace (the first folder's value in a multi-root workspace).",
    },
    'podpath.nodePortRange': {
      type: 'string',
      scope: 'window',
      default: `${lo}-${hi}`,
      pattern: '^\\s*\\d+\\s*-\\s*\\d+\\s*$',
      markdownDescription:
        "The cluster's node-port range (kube-apiserver `--service-node-port-range`), for `node-port-out-of-range` and free-port suggestions.",
    },
    'podpath.clusterDomain': {
      type: 'string',
      scope: 'window',
      default: defaultSettings.clusterDomain,
      markdownDescription: 'The cluster DNS domain, for Service references like `web.shop.svc.cluster.local`.',
    },
    'podpath.exclude': {
      type: 'array',
      scope: 'resource',
      default: [],
      items: { type: 'string' },
      markdownDescription:
        'Glob patterns (relative to the workspace folder) of files and folders podpath does not index, in addition to `.gitignore` and `#files.exclude#`.',
    },
    'podpath.maxFileSize': {
      type: 'number',
      scope: 'window',
      default: defaultSettings.maxFileSize,
      minimum: 1,
      markdownDescription: 'Files larger than this many bytes are not analysed (a `file-skipped` info says so). Default: 5 MB.',
    },
    'podpath.units': {
      type: 'array',
      scope: 'window',
      default: defaultSettings.units,
      items: {
        anyOf: [
          {
            type: 'object',
            required: ['name', 'include'],
            additionalProperties: false,
            properties: { name: { type: 'string' }, include: { type: 'array', items: { type: 'string' } } },
          },
          {
            type: 'object',
            required: ['name', 'chart'],
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              chart: { type: 'string' },
              values: { type: 'array', items: { type: 'string' } },
              release: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
              namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
              set: { type: 'array', items: { type: 'string' } },
              kubeVersion: { type: 'string' },
            },
          },
        ],
      },
      markdownDescription:
        'Apply units: the sets of files applied together to one cluster (links resolve only inside a unit). Each is a `name` and an `include` list of kustomization folders, folders, files or globs relative to the workspace folder. When set, they replace the units podpath discovers (kustomization roots, Argo CD Applications, Flux Kustomizations); files in none of them form the `default` unit. An entry with `chart` says how a Helm chart is installed instead: `{ "name": "shop-prod", "chart": "charts/shop", "values": ["charts/shop/values-prod.yaml"], "release": "shop", "namespace": "prod" }` renders the chart with these values files after its `values.yaml` (as `helm -f`), `set` expressions, release name, namespace and `kubeVersion`; one entry per chart, and it wins over `.podpath.yaml`\'s entry for that chart. The code lens on a `Chart.yaml` adds one per `ci/*-values.yaml`. `.podpath.yaml` takes `units:` in the same shape for the CLI.',
    },
    'podpath.codeLens.enable': {
      type: 'boolean',
      scope: 'resource',
      default: defaultSettings.codeLens.enable,
      markdownDescription: 'Show code lenses: `Show traffic path · 3 pods · 2 routes` above Services, `exposed by web:80` above workloads.',
    },
    'podpath.inlayHints.enable': {
      type: 'boolean',
      scope: 'resource',
      default: defaultSettings.inlayHints.enable,
      markdownDescription: 'Show inlay hints: where a `targetPort` lands (`→ api:8080`) and how many workloads a selector matches.',
    },
    'podpath.trace.server': {
      type: 'string',
      scope: 'window',
      enum: ['off', 'messages', 'verbose'],
      default: 'off',
      description: 'Traces the communication between VS Code and the podpath language server (in the "podpath" output).',
    },
  };
  Object.values(general).forEach((p, order) => Object.assign(p, { order }));
  const rules = ruleSettings(allRuleMetas, ruleSettingValues, ruleDocsUrl);
  const properties = { ...general, ...rules };
  const missing = settingKeys.filter((k) => !(k in properties));
  if (missing.length) throw new Error(`settings without a manifest entry: ${missing.join(', ')}`);
  const yaml = 'resourceLangId == yaml';
  const trafficPath = 'podpath.showTrafficPath';
  return {
    commands: [
      { command: trafficPath, title: 'Show Traffic Path', category: 'podpath', icon: '$(type-hierarchy)' },
      { command: 'podpath.reindex', title: 'Re-index Workspace', category: 'podpath' },
      { command: 'podpath.showOutput', title: 'Show Output', category: 'podpath' },
      { command: 'podpath.openExamples', title: 'Open the Example Shop', category: 'podpath' },
      { command: 'podpath.openExampleFile', title: 'Open a File of the Example Shop', category: 'podpath' },
      { command: 'podpath.checkChartVariant', title: 'Check a Chart with a ci/ Values File', category: 'podpath' },
    ],
    menus: {
      // In the Command Palette only where they can do something; the walkthrough's file opener never.
      commandPalette: [
        { command: trafficPath, when: 'workspaceFolderCount > 0 || editorLangId == yaml' },
        { command: 'podpath.reindex', when: 'workspaceFolderCount > 0' },
        { command: 'podpath.openExampleFile', when: 'false' },
        // Run by the code lens on a Chart.yaml, with the chart and the values file.
        { command: 'podpath.checkChartVariant', when: 'false' },
      ],
      'explorer/context': [{ command: trafficPath, when: yaml, group: 'navigation@90' }],
      'editor/context': [{ command: trafficPath, when: yaml, group: 'navigation@90' }],
      'editor/title/context': [{ command: trafficPath, when: yaml, group: 'navigation@90' }],
    },
    // Two groups on the Settings page: what podpath reads, then one severity per rule.
    configuration: [
      { id: 'podpath', title: 'General', order: 0, properties: general },
      { id: 'podpath.rules', title: 'Rules', order: 1, properties: rules },
    ],
    walkthroughs,
  };
}

const code = await loadCode();
const generated = contributes(code);
const pkgPath = join(root, 'package.json');
const readmePath = join(root, 'README.md');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
/**
 * podpath runs nothing from the workspace, so it works in untrusted workspaces; but the
 * settings that decide what it reads come from the workspace too, and there VS Code takes
 * them from the user's settings only (`restrictedConfigurations`, with `supported: limited`).
 */
const capabilities = {
  ...pkg.capabilities,
  untrustedWorkspaces: {
    supported: 'limited',
    description:
      'In an untrusted workspace, podpath.exclude and podpath.maxFileSize are taken from your user settings only: a workspace cannot widen or narrow what podpath reads.',
    restrictedConfigurations: ['podpath.exclude', 'podpath.maxFileSize'],
  },
};
const outputs = [
  [pkgPath, JSON.stringify({ ...pkg, capabilities, contributes: generated }, null, 2) + '\n'],
  [
    readmePath,
    fillBlocks(readFileSync(readmePath, 'utf8'), {
      settings: settingsTable(Object.assign({}, ...generated.configuration.map((c) => c.properties))),
      rules: rulesTable(code.allRuleMetas),
    }),
  ],
];
for (const [path, text] of outputs) {
  if (!process.argv.includes('--check')) writeFileSync(path, text);
  else if (text !== readFileSync(path, 'utf8')) {
    console.error(`${path} is out of date: run node scripts/gen-manifest.mjs`);
    process.exitCode = 1;
  }
}
