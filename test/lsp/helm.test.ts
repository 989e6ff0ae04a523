/**
 * A Helm chart over JSON-RPC (test/fixtures/ws-helm): the server renders the chart, a broken
 * targetPort from values.yaml shows at the values line and at the template, hover on the
 * template action shows the rendered value and its chain, the quick fix edits values.yaml,
 * and edits of a template or of `_helpers.tpl` on disk render the chart again.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { copyFixture, removeDir, TestClient, uriOf } from './client';
import { ServicesRequest } from '../../server/src/protocol';

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

const targetPort = (d: Diagnostic[]): Diagnostic[] => d.filter((x) => x.code === 'service-target-port-not-found');

describe('Helm charts in the editor', () => {
  let dir = '';
  let chart = '';
  let c: TestClient;
  let values = '';
  let service = '';

  before(async () => {
    dir = copyFixture('ws-helm');
    chart = join(dir, 'workspace', 'shop');
    values = uriOf(join(chart, 'values.yaml'));
    service = uriOf(join(chart, 'templates', 'service.yaml'));
    c = await TestClient.start({ folders: [join(dir, 'workspace')], debounceMs: 20 });
    await c.ready();
  });
  after(async () => {
    await c.stop();
    removeDir(dir);
  });

  it('reports the broken targetPort at the values line and at the template action; the literal one in the template', async () => {
    const atValues = targetPort(await c.pushed(values, (d) => targetPort(d).length > 0));
    assert.deepEqual(
      atValues.map((d) => d.range.start.line + 1),
      [11],
    );
    assert.match(atValues[0]!.message as string, /targetPort 8081 .*rendered into shop\/templates\/service\.yaml/);
    const atTemplate = targetPort(await c.pushed(service, (d) => targetPort(d).length > 0));
    assert.deepEqual(
      atTemplate.map((d) => [d.range.start.line + 1, d.range.start.character, d.range.end.character]),
      [
        [11, 18, 50],
        [15, 18, 22],
      ],
    );
    // Nothing is published for the rendered templates themselves.
    assert.ok(![...c.published.keys()].some((u) => u.includes('#')), [...c.published.keys()].join(', '));
  });

  it('hover on the template action shows the rendered value and its chain, then the rendered field', async () => {
    const h = await c.hover(service, { line: 10, character: 30 });
    const md = (h?.contents as { value: string }).value;
    assert.ok(md.startsWith(`**Rendered** \`8081\` ← \`.Values.service.targetPort\` ← [shop/values.yaml:11](${values}#L11)`), md);
    assert.match(md, /\*\*targetPort `8081`\*\* of Service `release-name-shop`/);
    assert.deepEqual(h?.range, { start: { line: 10, character: 18 }, end: { line: 10, character: 50 } });
    const v = await c.hover(values, { line: 10, character: 14 });
    assert.match(
      (v?.contents as { value: string }).value,
      /\*\*Rendered into\*\* one place:\n- `8081` in \[shop\/templates\/service\.yaml:11\]/,
    );
  });

  it("a chart's Service is found from its template, and named at its template line", async () => {
    const found = (await c.send(ServicesRequest, { uri: service, position: { line: 9, character: 14 } })) as {
      name: string;
      uri: string;
      line: number;
    }[];
    assert.deepEqual(
      found.map((x) => [x.name, x.uri, x.line + 1]),
      [['release-name-shop', service, 4]],
    );
    const all = (await c.send(ServicesRequest, { uri: service })) as { name: string }[];
    assert.deepEqual(
      all.map((x) => x.name),
      ['release-name-shop'],
    );
  });

  it('the quick fix edits values.yaml; applied, the finding leaves both files', { timeout: 30_000 }, async () => {
    const [d] = targetPort(c.published.get(service)!.diagnostics);
    const actions = await c.codeActions(service, d!.range, [d!]);
    const fix = actions.find((a) => a.title === 'Change targetPort to 8080');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(Object.keys(fix!.edit!.changes!), [values]);
    const text = readFileSync(join(chart, 'values.yaml'), 'utf8');
    const fixed = applyEdits(text, fix!.edit!.changes![values]!);
    assert.equal(fixed, text.replace('targetPort: 8081', 'targetPort: 8080'));
    await c.open(values, text);
    await c.change(values, fixed);
    await c.pushed(values, (ds) => targetPort(ds).length === 0);
    const left = await c.pushed(service, (ds) => targetPort(ds).length === 1);
    assert.equal(left[0]!.range.start.line + 1, 15);
  });

  it(
    'a failing `required` in an edited template is a helm-render error at its line, and goes when undone',
    { timeout: 30_000 },
    async () => {
      const text = readFileSync(join(chart, 'templates', 'service.yaml'), 'utf8');
      await c.open(service, text);
      await c.change(
        service,
        text.replace('{{ .Values.service.port }}', '{{ required "service.port is required" .Values.service.missing }}'),
      );
      const ds = await c.pushed(service, (d) => d.some((x) => x.code === 'helm-render'));
      const r = ds.find((x) => x.code === 'helm-render')!;
      assert.equal(r.range.start.line + 1, 10);
      assert.match(r.message as string, /service\.port is required/);
      await c.change(service, text);
      await c.pushed(service, (d) => !d.some((x) => x.code === 'helm-render'));
    },
  );

  it('a change of _helpers.tpl on disk renders the chart again', { timeout: 30_000 }, async () => {
    const helpers = join(chart, 'templates', '_helpers.tpl');
    const text = readFileSync(helpers, 'utf8');
    writeFileSync(
      helpers,
      text.replace(
        'app.kubernetes.io/name: {{ .Chart.Name }}',
        'app.kubernetes.io/name: {{ .Chart.Name }}\napp.kubernetes.io/part: {{ .Values.part | default "web" }}',
      ),
    );
    await c.watched([{ uri: uriOf(helpers), type: 2 }]);
    // The Service and the Deployment still agree (both include the same labels): no selector finding appears.
    const h = await c.hover(service, { line: 6, character: 10 });
    assert.match((h?.contents as { value: string }).value, /app\.kubernetes\.io\/part/);
  });
});
