/**
 * Property-based fuzzing (fast-check) of the built server with real corpus files: random
 * edits — lines deleted, duplicated and swapped, indentation changed, hostile values
 * inserted on their own line, at a line's end or inside it — sent as incremental changes (or now and then whole texts). After each run:
 * no error was logged, every diagnostic range lies inside its document as the editor
 * holds it, and the server's diagnostics of every file equal those of a fresh core index
 * of the final texts. Deterministic by default (FUZZ_SEED, FUZZ_RUNS override).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { createIndex } from '../../server/src/core/api';
import { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import { toDiagnostic } from '../../server/src/handlers/convert';
import { realCorpus } from '../corpus';
import { aliasBomb } from '../hostile/workspace';
import { removeDir, TestClient, uriOf } from './client';

const seed = Number(process.env.FUZZ_SEED ?? 20240607);
const numRuns = Number(process.env.FUZZ_RUNS ?? 60);

const corpus = realCorpus().dir;
/** Real files that link to each other: Services, Deployments, an Ingress, a NetworkPolicy. */
const sources: Record<string, string> = {
  'bookinfo.yaml': 'istio__istio/samples/bookinfo/platform/kube/bookinfo.yaml',
  'productpage-nodeport.yaml': 'istio__istio/samples/bookinfo/platform/kube/productpage-nodeport.yaml',
  'frontend.yaml': 'kubernetes__examples/web/guestbook/all-in-one/frontend.yaml',
  'redis-replica.yaml': 'kubernetes__examples/web/guestbook/all-in-one/redis-replica.yaml',
  'http-svc.yaml': 'kubernetes__ingress-nginx/docs/examples/http-svc.yaml',
  'nginx-ingress.yaml': 'kubernetes__ingress-nginx/docs/examples/static-ip/nginx-ingress.yaml',
  'api-allow.yaml': 'ahmetb__kubernetes-network-policy-recipes/02-limit-traffic-to-an-application/api-allow.yaml',
};
const names = Object.keys(sources);

/** Values a user (or a broken generator) might paste anywhere. */
const hostile = [
  '*a',
  '&a [*a, *a]',
  '{',
  '}',
  '[',
  '"',
  "'",
  '\t',
  ': : :',
  '---',
  '...',
  '!!binary',
  '<<: *x',
  '? ',
  '- - - -',
  '\r',
  '\r\n',
  '\u0000',
  '\ud800',
  '😀',
  '{{ .Values.port }}',
  'targetPort: [a, b]',
  'port: "eighty"',
  'metadata: 7',
  'template: null',
  'selector: [a, b]',
  'ports: {port: 80}',
  'targetPort: 70000',
  'app: web',
  '\uFEFF',
  '#',
  'x'.repeat(300),
  '['.repeat(1200),
  `x:\n${aliasBomb('  ', true)}`,
];

type Edit =
  | { t: 'delete'; line: number }
  | { t: 'duplicate'; line: number }
  | { t: 'swap'; a: number; b: number }
  | { t: 'indent'; line: number; by: number }
  | { t: 'insert'; line: number; value: string; own: boolean }
  | { t: 'splice'; line: number; column: number; value: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ t: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ t: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ t: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ t: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ t: fc.constant('insert' as const), line: fc.nat(), value: fc.constantFrom(...hostile), own: fc.boolean() }),
  fc.record({ t: fc.constant('splice' as const), line: fc.nat(), column: fc.nat(), value: fc.constantFrom(...hostile) }),
);

/** One edit as an LSP change: the range (in the text before it) and its new text. */
function change(text: string, e: Edit): { start: number; end: number; newText: string } {
  const lines = text.split('\n');
  const at = (i: number): number => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  const pick = (n: number): number => n % lines.length;
  switch (e.t) {
    case 'delete': {
      const i = pick(e.line);
      return { start: at(i), end: Math.min(at(i + 1), text.length), newText: '' };
    }
    case 'duplicate': {
      const i = pick(e.line);
      return { start: at(i), end: at(i), newText: `${lines[i]}\n` };
    }
    case 'swap': {
      const [a, b] = [pick(e.a), pick(e.b)].sort((x, y) => x - y) as [number, number];
      if (a === b || b === lines.length - 1) return { start: 0, end: 0, newText: '' };
      const block = lines.slice(a, b + 1);
      [block[0], block[block.length - 1]] = [block[block.length - 1]!, block[0]!];
      return { start: at(a), end: at(b + 1) - 1, newText: block.join('\n') };
    }
    case 'indent': {
      const i = pick(e.line);
      const lead = /^[ \t]*/.exec(lines[i]!)![0].length;
      return e.by >= 0
        ? { start: at(i), end: at(i), newText: ' '.repeat(e.by) }
        : { start: at(i), end: at(i) + Math.min(lead, -e.by), newText: '' };
    }
    case 'insert': {
      const i = pick(e.line);
      return e.own
        ? { start: at(i), end: at(i), newText: `${e.value}\n` }
        : { start: at(i) + lines[i]!.length, end: at(i) + lines[i]!.length, newText: ` ${e.value}` };
    }
    case 'splice': {
      const i = pick(e.line);
      const at0 = at(i) + (e.column % (lines[i]!.length + 1));
      return { start: at0, end: at0, newText: e.value };
    }
  }
}

let dir = '';
let c: TestClient;
const disk = new Map<string, string>();
const uri = (name: string): string => uriOf(join(dir, name));

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podpath-fuzz-'));
  for (const [name, src] of Object.entries(sources)) {
    copyFileSync(join(corpus, src), join(dir, name));
    disk.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  c = await TestClient.start({ folders: [dir], pull: true });
  await c.ready();
});

after(async () => {
  await c?.stop();
  removeDir(dir);
});

/** The diagnostics of every file from a fresh core index of these texts, as the server would send them. */
function fresh(texts: Map<string, string>): Map<string, Diagnostic[]> {
  const index = createIndex({}, (e) => {
    throw e;
  });
  for (const [name, text] of texts) index.setFile(uri(name), name, text, 0);
  index.check();
  const out = new Map<string, Diagnostic[]>();
  for (const name of texts.keys())
    out.set(name, JSON.parse(JSON.stringify(diagnosticsOf(index, index.getFile(uri(name))!).map(toDiagnostic))) as Diagnostic[]);
  return out;
}

/** A range the editor can show: inside its document, start before end. */
function inside(doc: TextDocument, r: Range): boolean {
  const lines = doc.getText().split(/\r\n|\r|\n/);
  const ok = (p: Range['start']): boolean =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('fuzzing the server with edits of real files', { timeout: 300_000 }, () => {
  test(`random edits (seed ${seed}, ${numRuns} runs): no error, ranges inside documents, results equal a fresh index`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(edit, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        async (name, edits, wholeEvery) => {
          const texts = new Map(disk);
          let text = disk.get(name)!;
          let doc = TextDocument.create(uri(name), 'yaml', 1, text);
          await c.open(uri(name), text);
          try {
            for (const [k, e] of edits.entries()) {
              const ch = change(text, e);
              // The editor's model decides what a range means (no position falls inside a \r\n).
              const range = { start: doc.positionAt(ch.start), end: doc.positionAt(ch.end) };
              doc = TextDocument.update(doc, [{ range, text: ch.newText }], doc.version + 1);
              text = doc.getText();
              // Now and then the whole text, as some clients send it.
              if (wholeEvery % 7 === k % 7) await c.change(uri(name), text);
              else await c.edit(uri(name), [{ range, text: ch.newText }]);
            }
            texts.set(name, text);
            const expected = fresh(texts);
            for (const n of names) {
              const report = await c.documentDiagnostics(uri(n));
              assert.equal(report.kind, 'full');
              const items = report.kind === 'full' ? report.items : [];
              const view = n === name ? doc : TextDocument.create(uri(n), 'yaml', 0, texts.get(n)!);
              for (const d of items)
                assert.ok(inside(view, d.range), `${n}: ${JSON.stringify(d.range)} of "${String(d.message)}" is outside the document`);
              assert.deepEqual(items, expected.get(n), `${n}: the server's diagnostics after the edits differ from a fresh index`);
            }
            assert.deepEqual(
              c.logs.filter((l) => l.type === 1),
              [],
              'no error logged',
            );
          } finally {
            await c.close(uri(name));
          }
        },
      ),
      { seed, numRuns, endOnFailure: false },
    );
  });
});
