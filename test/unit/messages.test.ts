/**
 * Every finding's message starts with one short sentence that says what is wrong and what to
 * do (issue 19): the Problems panel cuts a message at its width, and a 250-character message
 * put the fix ("use cart.shop.svc.cluster.local:80") past the cut. Details follow the first
 * sentence, in the hover and in the related places.
 *
 * Run over everything the project has: the fixture workspaces (ws-*, which include the
 * examples), the real-corpus sample, the other linters' fixtures, and the failing example of
 * every rule page — which together make every rule fire, so the check cannot pass by finding
 * nothing.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { allDiagnostics } from '../../server/src/cli/report';
import { maxFirstSentence } from '../../server/src/core/model/finding';
import { ruleIds } from '../../server/src/core/rules';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';
import { peerFixtures, realCorpus } from '../corpus';
import { findingsOf, indexOf } from './helpers';

const root = resolve(__dirname, '..', '..');

/** The text up to the first full stop, question or exclamation mark that ends a sentence. */
function firstSentence(message: string): string {
  const m = /^[\s\S]*?[.?!](?=\s|$)/.exec(message);
  return m ? m[0] : message;
}

interface Seen {
  rule: string;
  where: string;
  message: string;
}

/** The workspace folders: each fixture workspace, the corpus sample, the peer fixtures. */
function workspaces(): string[] {
  const fixtures = join(root, 'test', 'fixtures');
  const out = readdirSync(fixtures)
    .filter((d) => d.startsWith('ws-'))
    .sort()
    .map((d) => {
      const pointer = join(fixtures, d, 'workspace.txt');
      return existsSync(pointer) ? resolve(fixtures, d, readFileSync(pointer, 'utf8').trim()) : join(fixtures, d, 'workspace');
    });
  return [...out, realCorpus().dir, peerFixtures];
}

/** The failing example of every rule page, run as the docs test runs it. */
function pageExamples(): Seen[] {
  const out: Seen[] = [];
  for (const id of ruleIds) {
    const page = readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8');
    const yaml = /## Example\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(page)?.[1];
    if (!yaml) continue;
    // An example that is a chart's template (its first line names it) runs in a chart of its own.
    const template = /^# ([\w-]+)\/templates\/\S+\.yaml\n/.exec(yaml);
    const files = template
      ? {
          [`${template[1]}/Chart.yaml`]: `apiVersion: v2\nname: ${template[1]}\nversion: 0.1.0\n`,
          [`${template[1]}/values.yaml`]: 'service: {}\n',
          [template[0].slice(2, -1)]: yaml,
        }
      : { 'example.yaml': yaml };
    for (const f of findingsOf(indexOf(files))) out.push({ rule: f.rule, where: `docs/rules/${id}.md`, message: f.message });
  }
  return out;
}

describe('finding messages', () => {
  it(`start with a first sentence of at most ${maxFirstSentence} characters, for every rule`, async (t) => {
    const seen: Seen[] = pageExamples();
    for (const ws of workspaces()) {
      const loaded = await loadWorkspace([ws], { rules: {}, exclude: [] }, ws);
      for (const d of allDiagnostics(loaded.index, {})) seen.push({ rule: d.rule, where: `${ws}/${d.file.path}`, message: d.message });
    }
    // A file podpath skips (binary) has its finding too.
    for (const f of findingsOf(indexOf({ 'logo.yaml': 'PNG\0\0\0' }))) seen.push({ rule: f.rule, where: 'logo.yaml', message: f.message });

    const missing = ruleIds.filter((id) => !seen.some((s) => s.rule === id));
    assert.deepEqual(missing, [], 'every rule fires somewhere, or the check proves nothing about it');
    const long = seen.filter((s) => firstSentence(s.message).length > maxFirstSentence);
    const longest = Math.max(...seen.map((s) => firstSentence(s.message).length));
    t.diagnostic(
      `${seen.length} messages of ${new Set(seen.map((s) => s.rule)).size} rules (${realCorpus().describe}); the longest first sentence has ${longest} characters`,
    );
    assert.deepEqual(
      long.map((s) => `${s.rule} (${s.where}): ${firstSentence(s.message).length} characters: ${firstSentence(s.message)}`),
      [],
      `${long.length} of ${seen.length} messages start with a long sentence`,
    );
  });

  it('say what to do in the first sentence, and keep the details after it', async () => {
    const ws = join(root, 'examples');
    const loaded = await loadWorkspace([ws], { rules: {}, exclude: [] }, ws);
    const messages = allDiagnostics(loaded.index, {}).map((d) => d.message);
    // The issue's own example: the address to use is in the first sentence, the reason after it.
    const cart = messages.find((m) => m.startsWith('Service cart has no port 7070'));
    assert.equal(cart && firstSentence(cart), 'Service cart has no port 7070: use cart.shop.svc.cluster.local:80.');
    assert.match(cart!, /7070 is the targetPort of Service port 80/);
    const admin = messages.find((m) => m.includes('"admin-http"'));
    assert.equal(admin && firstSentence(admin), 'No selected Pod declares port "admin-http": use targetPort "admin".');
    assert.match(admin!, /Deployment admin declares 9000 \(admin\)/);
  });

  it('cut a first sentence at its end, not at a dot inside a name or a number', () => {
    assert.equal(
      firstSentence('Service cart has no port 7070: use cart.shop.svc.cluster.local:80. 7070 is …'),
      'Service cart has no port 7070: use cart.shop.svc.cluster.local:80.',
    );
    assert.equal(
      firstSentence('No Service "x" in namespace y: did you mean "z"? More.'),
      'No Service "x" in namespace y: did you mean "z"?',
    );
    assert.equal(firstSentence('no full stop at all'), 'no full stop at all');
  });
});
