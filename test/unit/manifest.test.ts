/**
 * package.json and the code agree: every setting the server reads is declared (with its
 * default), `podpath.rules` has one property per rule id with the severity enum, and the
 * commands of client/src/commands.ts are declared with the "podpath" category.
 * On failure: node scripts/gen-manifest.mjs
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ruleIds } from '../../server/src/core/rules';
import { defaultSettings, ruleSettingValues, settingKeys } from '../../server/src/workspace/settings';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const props: Record<string, { default?: unknown; enum?: string[]; scope?: string; properties?: Record<string, { enum?: string[] }> }> = pkg.contributes?.configuration?.properties ?? {};

describe('package.json manifest', () => {
  it('declares exactly the settings the server reads', () => {
    assert.deepEqual(Object.keys(props).sort(), [...settingKeys].sort());
    for (const [k, p] of Object.entries(props)) assert.ok(p.scope, `${k} has no scope`);
  });

  it('declares one podpath.rules property per rule id, each with the severity enum', () => {
    const rules = props['podpath.rules']?.properties ?? {};
    assert.deepEqual(Object.keys(rules).sort(), [...ruleIds].sort());
    for (const [id, r] of Object.entries(rules)) assert.deepEqual(r.enum, [...ruleSettingValues], id);
  });

  it('declares the defaults the server uses', () => {
    assert.equal(props['podpath.defaultNamespace']?.default, defaultSettings.defaultNamespace);
    assert.equal(props['podpath.clusterDomain']?.default, defaultSettings.clusterDomain);
    assert.equal(props['podpath.nodePortRange']?.default, defaultSettings.nodePortRange.join('-'));
    assert.equal(props['podpath.maxFileSize']?.default, defaultSettings.maxFileSize);
    assert.equal(props['podpath.codeLens.enable']?.default, defaultSettings.codeLens.enable);
    assert.equal(props['podpath.inlayHints.enable']?.default, defaultSettings.inlayHints.enable);
  });

  it('declares every command of the command table, with the podpath category', () => {
    const src = readFileSync(join(root, 'client', 'src', 'commands.ts'), 'utf8');
    const inCode = [...src.matchAll(/Command = '(podpath\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
    const declared = (pkg.contributes?.commands ?? []) as { command: string; category?: string }[];
    assert.deepEqual(declared.map((c) => c.command).sort(), inCode);
    for (const c of declared) assert.equal(c.category, 'podpath', c.command);
    const menus = Object.values(pkg.contributes?.menus ?? {}).flat() as { when?: string }[];
    for (const m of menus) assert.match(m.when ?? '', /resourceLangId == yaml/);
  });
});
