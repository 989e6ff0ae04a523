/**
 * Every rule has its page, docs/rules/<id>.md, where diagnostics (`codeDescription`), SARIF
 * (`helpUri`) and the setting link to: what it checks, why traffic breaks, a failing and a
 * fixed example, the quick fixes, how to silence it. The failing example is real: podpath
 * reports the rule on it. The README and the rules index list every rule.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRuleMetas, repositoryUrl, ruleDocsUrl, ruleIds } from '../../server/src/core/rules';
import { findingsOf, indexOf } from './helpers';

const root = join(__dirname, '..', '..');
const docs = join(root, 'docs', 'rules');
const sections = ['What it checks', 'Why traffic breaks', 'Example', 'Quick fixes', 'How to silence it'];

/** The text of `## title` up to the next `## `. */
function section(page: string, title: string): string {
  const start = page.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const next = page.indexOf('\n## ', start + 4);
  return page.slice(start, next < 0 ? undefined : next);
}

const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('rule pages', () => {
  it('exist for every rule id, and only for rule ids', () => {
    const pages = readdirSync(docs)
      .filter((f) => f !== 'README.md')
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    assert.deepEqual(pages, [...ruleIds].sort());
  });

  it('are where the links point: codeDescription, SARIF helpUri and the settings all use ruleDocsUrl', () => {
    for (const id of ruleIds) {
      const url = ruleDocsUrl(id);
      assert.ok(url.startsWith(`${repositoryUrl}/blob/main/`));
      assert.ok(existsSync(join(root, url.slice(`${repositoryUrl}/blob/main/`.length))), url);
    }
  });

  for (const m of allRuleMetas) {
    it(`${m.id}: has every section, its default severity, a failing and a fixed example, and how to silence it`, () => {
      const page = readFileSync(join(docs, `${m.id}.md`), 'utf8');
      assert.ok(page.startsWith(`# ${m.id}\n`), 'title is the rule id');
      const at = sections.map((s) => page.indexOf(`\n## ${s}\n`));
      assert.ok(
        at.every((i) => i > 0),
        `sections missing: ${sections.filter((_, i) => at[i]! < 0).join(', ')}`,
      );
      assert.deepEqual(
        [...at].sort((a, b) => a - b),
        at,
        'sections in order',
      );
      assert.match(page, new RegExp(`Default severity: \\*\\*${m.severity}\\*\\*`));
      const example = section(page, 'Example');
      assert.match(example, /Fixed/, 'a fixed example');
      assert.ok(/```text\n/.test(example) || yamlBlocks(example).length >= 2, 'the failing example is shown');
      const silence = section(page, 'How to silence it');
      for (const how of [
        `# podpath-ignore ${m.id}`,
        `# podpath-ignore-file ${m.id}`,
        `"podpath.rules.${m.id}": "off"`,
        `rules: { ${m.id}: off }`,
      ]) {
        assert.ok(silence.includes(how), `silence section lacks ${how}`);
      }
    });
  }

  // Their examples are not a YAML file: a file's size, a chart folder (helm-source.test.ts runs it), a kustomization's build (built-units.test.ts).
  for (const m of allRuleMetas.filter((r) => !['file-skipped', 'helm-render', 'kustomize-build'].includes(r.id))) {
    it(`${m.id}: podpath reports the rule on the page's failing example`, () => {
      const example = section(readFileSync(join(docs, `${m.id}.md`), 'utf8'), 'Example');
      const [failing] = yamlBlocks(example);
      assert.ok(failing, 'a yaml example');
      const found = findingsOf(indexOf({ 'example.yaml': failing }), m.id);
      assert.ok(found.length > 0, 'the example does not trigger the rule');
      // The output shown under it is what podpath prints today (its first line, at least).
      const shown = /```text\n\S+:\d+:\d+ {2}\w+ {2}(.*) {2}\[([\w-]+)\]\n/.exec(example);
      if (shown && shown[2] === m.id)
        assert.ok(
          found.some((f) => f.message === shown[1]),
          `the page shows a message podpath no longer prints: ${shown[1]}`,
        );
    });
  }

  it("are all listed, linked, in docs/rules/README.md and in the README's rules table", () => {
    const index = readFileSync(join(docs, 'README.md'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const id of ruleIds) {
      assert.ok(index.includes(`[\`${id}\`](${id}.md)`), `docs/rules/README.md lacks ${id}`);
      assert.ok(readme.includes(`[\`${id}\`](docs/rules/${id}.md)`), `README.md lacks ${id}`);
    }
  });
});
