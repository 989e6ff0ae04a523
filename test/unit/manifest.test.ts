/**
 * package.json and the code agree: every setting the server reads is declared (with its
 * default and scope), each rule has its own `podpath.rules.<id>` setting whose untouched
 * value changes nothing, and the commands of client/src/commands.ts are declared with the
 * "podpath" category and sensible `when` clauses.
 * On failure: node scripts/gen-manifest.mjs
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRuleMetas, repositoryUrl, ruleDocsUrl, ruleIds } from '../../server/src/core/rules';
import { defaultSettings, parseSettings, ruleSettingValues, settingKeys } from '../../server/src/workspace/settings';
import { chartUnitKeys } from '../../server/src/node/chartUnits';
import { deploymentYaml, findingsOf, indexOf } from './helpers';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface Prop {
  default?: unknown;
  enum?: string[];
  scope?: string;
  markdownDescription?: string;
  description?: string;
  markdownEnumDescriptions?: string[];
}
const sections = pkg.contributes?.configuration as { title: string; properties: Record<string, Prop> }[];
const props: Record<string, Prop> = Object.assign({}, ...sections.map((s) => s.properties));

/** The `podpath` section as VS Code hands it to the server: dotted keys nested, values from `user` or the defaults. */
function sectionAsVsCodeSendsIt(user: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props)) {
    const parts = key.split('.').slice(1);
    let o = out;
    for (const part of parts.slice(0, -1)) o = (o[part] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] = key in user ? user[key] : p.default;
  }
  return out;
}

describe('package.json manifest', () => {
  it('declares exactly the settings the server reads, each with a scope and a description', () => {
    assert.deepEqual(Object.keys(props).sort(), [...settingKeys].sort());
    for (const [k, p] of Object.entries(props)) {
      assert.ok(p.scope, `${k} has no scope`);
      assert.ok(p.markdownDescription ?? p.description, `${k} has no description`);
    }
    assert.deepEqual(
      sections.map((s) => s.title),
      ['General', 'Rules'],
    );
  });

  it('declares one podpath.rules.<id> setting per rule: default "default", the severities, a link to the rule page', () => {
    for (const m of allRuleMetas) {
      const p = props[`podpath.rules.${m.id}`];
      assert.ok(p, `no setting for rule ${m.id}`);
      assert.deepEqual(p.enum, [...ruleSettingValues], m.id);
      assert.equal(p.default, 'default', m.id);
      assert.equal(p.markdownEnumDescriptions?.length, p.enum?.length, m.id);
      assert.ok(p.markdownDescription?.includes(`](${ruleDocsUrl(m.id)})`), `${m.id}: the description links its page`);
      assert.ok(p.markdownDescription?.startsWith(m.description), m.id);
    }
    assert.equal(Object.keys(props).filter((k) => k.startsWith('podpath.rules.')).length, ruleIds.length);
  });

  it('untouched rule settings keep severities that depend on the case; a chosen one overrides', () => {
    const warnings: string[] = [];
    const untouched = parseSettings(sectionAsVsCodeSendsIt(), {}, (w) => warnings.push(w));
    assert.deepEqual(untouched.rules, {});
    assert.deepEqual(warnings, []);
    // service-target-port-not-found: an error for a port name, a warning for a number.
    const index = indexOf({
      'web.yaml': `${deploymentYaml('web', '[{ name: http, containerPort: 8080 }]')}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports:
    - { name: a, port: 80, targetPort: web-http }
    - { name: b, port: 81, targetPort: 9090 }
`,
    });
    const rule = 'service-target-port-not-found';
    assert.deepEqual(
      findingsOf(index, rule, untouched.rules).map((f) => f.severity),
      ['error', 'warning'],
    );
    const chosen = parseSettings(sectionAsVsCodeSendsIt({ [`podpath.rules.${rule}`]: 'info' }), {});
    assert.deepEqual(
      findingsOf(index, rule, chosen.rules).map((f) => f.severity),
      ['info', 'info'],
    );
    const off = parseSettings(sectionAsVsCodeSendsIt({ [`podpath.rules.${rule}`]: 'off' }), {});
    assert.deepEqual(findingsOf(index, rule, off.rules), []);
  });

  it('declares the defaults the server uses', () => {
    assert.equal(props['podpath.defaultNamespace']?.default, defaultSettings.defaultNamespace);
    assert.equal(props['podpath.clusterDomain']?.default, defaultSettings.clusterDomain);
    assert.equal(props['podpath.nodePortRange']?.default, defaultSettings.nodePortRange.join('-'));
    assert.equal(props['podpath.maxFileSize']?.default, defaultSettings.maxFileSize);
    assert.equal(props['podpath.codeLens.enable']?.default, defaultSettings.codeLens.enable);
    assert.equal(props['podpath.inlayHints.enable']?.default, defaultSettings.inlayHints.enable);
    const fromDefaults = parseSettings(sectionAsVsCodeSendsIt(), {});
    assert.deepEqual(fromDefaults, defaultSettings);
  });

  it('declares the entries of podpath.units the parser reads: apply units and chart entries, no other keys', () => {
    const items = (props['podpath.units'] as { items?: { anyOf?: { required: string[]; properties: object }[] } }).items;
    assert.deepEqual(
      items?.anyOf?.map((shape) => [shape.required, Object.keys(shape.properties)]),
      [
        [
          ['name', 'include'],
          ['name', 'include'],
        ],
        [['name', 'chart'], chartUnitKeys],
      ],
    );
  });

  it('declares every command of the command table, with the podpath category and when clauses', () => {
    // The lens command is declared once beside the lenses (the server runs it for other editors); commands.ts re-exports it.
    const src = ['client/src/commands.ts', 'server/src/core/features/codeLens.ts']
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    const inCode = [...src.matchAll(/Command = '(podpath\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
    const declared = (pkg.contributes?.commands ?? []) as { command: string; category?: string; title: string }[];
    assert.deepEqual(declared.map((c) => c.command).sort(), inCode);
    for (const c of declared) assert.equal(c.category, 'podpath', c.command);
    const { commandPalette, ...menus } = pkg.contributes?.menus ?? {};
    for (const m of Object.values(menus).flat() as { when?: string }[]) assert.match(m.when ?? '', /resourceLangId == yaml/);
    const palette = new Map((commandPalette as { command: string; when: string }[]).map((m) => [m.command, m.when]));
    assert.equal(palette.get('podpath.openExampleFile'), 'false', "the walkthrough's file opener stays out of the palette");
    assert.match(palette.get('podpath.reindex') ?? '', /workspaceFolderCount > 0/);
    assert.match(palette.get('podpath.showTrafficPath') ?? '', /workspaceFolderCount > 0/);
  });

  it('names the repository the rule pages live in', () => {
    assert.equal(pkg.repository.url.replace(/\.git$/, ''), repositoryUrl);
    assert.ok(ruleDocsUrl('x').startsWith(`${repositoryUrl}/blob/main/docs/rules/`));
  });

  it('is what scripts/gen-manifest.mjs writes', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-manifest.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
