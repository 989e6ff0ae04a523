/**
 * Helm charts as a source of the index (core/index/charts.ts, core/sources/helm/unit.ts,
 * core/features/chartDiagnostics.ts): a chart folder is rendered, its objects are checked
 * with the rest of the workspace, and findings land at the template and values lines.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIndex } from '../../server/src/core/api';
import { codeActionsFor } from '../../server/src/core/features/codeActions';
import { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { positionAt } from '../../server/src/core/model/positions';
import { filesFromMap } from '../../server/src/core/sources/helm/chart';
import { isRenderedUri } from '../../server/src/core/sources/helm/unit';
import { applyFix, uriOf, type Found } from './helpers';

const service = `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-shop
spec:
  selector:
    app: shop
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: {{ .Values.service.targetPort }}
    - name: metrics
      port: 9090
      targetPort: 9090
`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-shop
spec:
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: shop
          image: example/shop:1
          ports:
            - name: http
              containerPort: {{ .Values.containerPort }}
            - name: metrics
              containerPort: 9090
`;
const values = `containerPort: 8080
service:
  port: 80
  targetPort: 8081
`;

function shop(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
    'shop/values.yaml': values,
    'shop/templates/service.yaml': service,
    'shop/templates/deployment.yaml': deployment,
    ...extra,
  };
}

function indexOf(files: Record<string, string>, disk: Record<string, string> = {}): WorkspaceIndex {
  const index = createIndex({}, (e) => {
    throw e;
  });
  // Files the index does not hold (helpers .tpl), as the CLI's and the server's disk reader gives them.
  index.charts.reader = (root) => {
    const prefix = root.slice('file:///ws/'.length) + '/';
    return filesFromMap(
      new Map(
        Object.entries(disk)
          .filter(([p]) => p.startsWith(prefix))
          .map(([p, t]) => [p.slice(prefix.length), t]),
      ),
    );
  };
  for (const [path, text] of Object.entries(files)) index.setFile(uriOf(path), path, text, 1);
  index.check();
  return index;
}

/** What a user sees: every real file's diagnostics (rendered templates report through them). */
function seen(index: WorkspaceIndex, rule?: string): Found[] {
  const out: Found[] = [];
  for (const file of index.allFiles()) {
    if (isRenderedUri(file.uri)) continue;
    for (const d of diagnosticsOf(index, file)) {
      if (rule && d.rule !== rule) continue;
      out.push({
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        file: file.path,
        line: positionAt(file, d.span[0]).line + 1,
        text: file.text.slice(d.span[0], d.span[1]),
        diagnostic: d,
      });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

describe('Helm charts in the index', () => {
  it('checks the rendered objects: a broken targetPort from values.yaml is reported at the values line and at the template action', () => {
    const got = seen(indexOf(shop()), 'service-target-port-not-found');
    assert.deepEqual(
      got.map((f) => [f.file, f.line, f.text]),
      [
        ['shop/templates/service.yaml', 11, '{{ .Values.service.targetPort }}'],
        ['shop/values.yaml', 4, '8081'],
      ],
    );
    assert.match(got[1]!.message, /targetPort 8081 .* \(the value is rendered into shop\/templates\/service\.yaml\)$/);
  });

  it('the quick fix edits values.yaml when the value passed through, and the finding goes away', () => {
    const files = shop();
    const [atTemplate] = seen(indexOf(files), 'service-target-port-not-found');
    const fixed = applyFix(files, atTemplate!.diagnostic, /^Change targetPort to 8080$/);
    assert.equal(fixed['shop/values.yaml'], values.replace('8081', '8080'));
    assert.equal(fixed['shop/templates/service.yaml'], service);
    assert.deepEqual(seen(indexOf(fixed)), []);
  });

  it('"Ignore … here" in the template silences the finding where it is rendered: at the template and the values line', () => {
    const files = shop();
    const [atTemplate] = seen(indexOf(files), 'service-target-port-not-found');
    const file = indexOf(files).getFile(uriOf('shop/templates/service.yaml'))!;
    const ignore = codeActionsFor(file, [atTemplate!.diagnostic]).find((a) => a.title === 'Ignore service-target-port-not-found here')!;
    const [edit] = ignore.edits;
    const text = files['shop/templates/service.yaml']!;
    const ignored = { ...files, 'shop/templates/service.yaml': text.slice(0, edit!.span[0]) + edit!.newText + text.slice(edit!.span[1]) };
    assert.match(
      ignored['shop/templates/service.yaml']!,
      /\n {6}# podpath-ignore service-target-port-not-found\n {6}targetPort: \{\{ \.Values\.service\.targetPort \}\}/,
    );
    assert.deepEqual(seen(indexOf(ignored)), []);
  });

  it('a literal value in a template is reported there, and its fix edits the template', () => {
    const files = shop({
      'shop/values.yaml': values.replace('8081', '8080'),
      'shop/templates/service.yaml': service.replace('targetPort: 9090', 'targetPort: 9091'),
    });
    const [f] = seen(indexOf(files), 'service-target-port-not-found');
    assert.deepEqual([f!.file, f!.line, f!.text], ['shop/templates/service.yaml', 14, '9091']);
    const fixed = applyFix(files, f!.diagnostic, /^Change targetPort to 9090$/);
    assert.equal(fixed['shop/templates/service.yaml'], service);
    assert.deepEqual(seen(indexOf(fixed)), []);
  });

  it('a value written by a named template (include) is reported at the include in the own template', () => {
    const helpers = '{{- define "shop.labels" -}}\napp: shop-typo\n{{- end }}\n';
    const files = shop({
      'shop/values.yaml': values.replace('8081', '8080'),
      'shop/templates/service.yaml': service.replace('    app: shop\n', '    {{- include "shop.labels" . | nindent 4 }}\n'),
    });
    const got = seen(indexOf(files, { 'shop/templates/_helpers.tpl': helpers }), 'service-selector-no-match');
    assert.deepEqual(
      got.map((f) => [f.file, f.line]),
      [['shop/templates/service.yaml', 7]],
    );
    assert.match(got[0]!.text, /include "shop\.labels"/);
  });

  it('a chart is an apply unit of its own: a plain manifest beside it does not link into it, and raises no false alarm', () => {
    const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop }
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: release-name-shop, port: { name: web } } }
`;
    // helm install applies the chart alone: the Ingress beside it is another apply, whose Service may well exist.
    const index = indexOf(shop({ 'shop/values.yaml': values.replace('8081', '8080'), 'ingress.yaml': ingress }));
    assert.deepEqual(seen(index), []);
    assert.deepEqual(
      index.unitList().map((u) => [u.def.name, u.def.origins.map((o) => o.kind)]),
      [
        ['shop', ['helm']],
        ['default', ['default']],
      ],
    );
  });

  it('template errors and `required` are helm-render findings at their template line; while the chart fails, none of its objects is checked (Helm applies none)', () => {
    const files = shop({
      'shop/templates/service.yaml': service.replace(
        '{{ .Values.service.port }}',
        '{{ required "service.port is required" .Values.service.nope }}',
      ),
    });
    const got = seen(indexOf(files));
    assert.deepEqual(
      got.map((f) => [f.rule, f.file, f.line]),
      [['helm-render', 'shop/templates/service.yaml', 10]],
    );
    assert.match(got[0]!.message, /service\.port is required/);
    const broken = seen(
      indexOf(shop({ 'shop/templates/service.yaml': service.replace('{{ .Values.service.port }}', '{{ .Values.service.port ') })),
    );
    assert.deepEqual(
      broken.map((f) => [f.rule, f.file, f.line]),
      [['helm-render', 'shop/templates/service.yaml', 11]],
    );
    // As Go says: an action may span lines, so `targetPort` on the next line is read as a function name.
    assert.match(broken[0]!.message, /service\.yaml:11: function "targetPort" not defined/);
    // The broken targetPort of values.yaml is not reported while the chart does not render: no object of it reaches the cluster.
    assert.deepEqual([...indexOf(files).resources()], []);
  });

  it('a failure in a file the index does not hold (NOTES.txt) is shown in Chart.yaml, naming the file', () => {
    const got = seen(indexOf(shop(), { 'shop/templates/NOTES.txt': '{{ fail "set mode" }}' }));
    assert.deepEqual(
      got.map((f) => [f.rule, f.file, f.line]),
      [['helm-render', 'shop/Chart.yaml', 1]],
    );
    assert.match(got[0]!.message, /shop\/templates\/NOTES\.txt:1:3\): set mode/);
  });

  it('a runaway template (an include of itself, a huge range) is a helm-render finding at its template, never a crash or a hang', () => {
    const loop = '{{- define "loop" -}}{{ include "loop" . }}{{- end -}}\nkind: ConfigMap\nx: {{ include "loop" . }}\n';
    const huge = 'kind: ConfigMap\ndata:\n{{- range until 100000000 }}\n  k{{ . }}: v\n{{- end }}\n';
    for (const text of [loop, huge]) {
      const got = seen(indexOf(shop({ 'shop/templates/runaway.yaml': text })));
      assert.deepEqual(
        got.map((f) => [f.rule, f.file]),
        [['helm-render', 'shop/templates/runaway.yaml']],
      );
    }
  });

  it("the helm-render page's example is reported at its line and column", () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'rules', 'helm-render.md'), 'utf8');
    const template = /```yaml\n# shop\/templates\/service\.yaml\n([\s\S]*?)```/.exec(page)![1]!;
    const expected = /```text\n(.*)\n```/.exec(page)![1]!;
    const index = indexOf({
      'shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
      'shop/values.yaml': 'service: {}\n',
      'shop/templates/service.yaml': template,
    });
    const [f] = seen(index, 'helm-render');
    const at = positionAt(index.getFile(uriOf('shop/templates/service.yaml'))!, f!.diagnostic.span[0]);
    assert.equal(`${f!.file}:${at.line + 1}:${at.character + 1}  ${f!.severity}  ${f!.message}  [helm-render]`, expected);
  });

  it('a template without actions is read once, through the chart (no duplicate objects); hooks and NOTES.txt are left out', () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: static }\ndata: { a: b }\n';
    const hook =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\n  annotations: { "helm.sh/hook": test }\nspec: { containers: [{ name: t, image: busybox }] }\n';
    const index = indexOf(shop({ 'shop/templates/static.yaml': configMap, 'shop/templates/test.yaml': hook }), {
      'shop/templates/NOTES.txt': 'Thanks {{ .Release.Name }}',
    });
    const kinds = [...index.resources()].map((r) => `${r.kind}/${r.name}`).sort();
    assert.deepEqual(kinds, ['ConfigMap/static', 'Deployment/release-name-shop', 'Service/release-name-shop']);
  });

  it('a subchart under charts/ renders with its parent, not as a chart of its own', () => {
    const files = shop({
      'shop/charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
      'shop/charts/db/values.yaml': 'port: 5432\n',
      'shop/charts/db/templates/svc.yaml':
        'apiVersion: v1\nkind: Service\nmetadata: { name: db }\nspec: { ports: [{ port: {{ .Values.port }} }] }\n',
    });
    const index = indexOf(files);
    assert.equal(index.charts.count, 1);
    assert.deepEqual(
      [...index.resources()].filter((r) => r.name === 'db').map((r) => r.service?.ports[0]?.port?.value),
      [5432],
    );
  });

  it('an edit of a values file re-renders only its chart', () => {
    const other = Object.fromEntries(
      Object.entries(shop()).map(([p, t]) => [p.replace('shop/', 'other/'), t.replace(/name: shop$/m, 'name: other')]),
    );
    const index = indexOf({ ...shop(), ...other });
    const before = index.getFile(uriOf('other/templates/service.yaml') + '#rendered');
    const shopBefore = index.getFile(uriOf('shop/templates/service.yaml') + '#rendered');
    index.setFile(uriOf('shop/values.yaml'), 'shop/values.yaml', values.replace('8081', '8080'), 2);
    const changed = index.check();
    assert.equal(index.getFile(uriOf('other/templates/service.yaml') + '#rendered'), before, 'the other chart was not rendered again');
    assert.notEqual(index.getFile(uriOf('shop/templates/service.yaml') + '#rendered'), shopBefore);
    assert.ok(
      changed.has(uriOf('shop/values.yaml')) && changed.has(uriOf('shop/templates/service.yaml')),
      'the chart files are republished',
    );
    assert.ok(![...changed].some(isRenderedUri), 'rendered URIs never reach the client');
    assert.deepEqual(
      seen(index).map((f) => f.file),
      ['other/templates/service.yaml', 'other/values.yaml'],
    );
  });

  it('a chart renders again when its settings change (a .podpath.yaml unit given or edited), and only then', () => {
    const index = indexOf(shop());
    const unit: { namespace?: string } = {};
    index.charts.settings = () => (unit.namespace ? { namespace: unit.namespace } : undefined);
    assert.equal(index.charts.dirty, false);
    unit.namespace = 'prod';
    assert.equal(index.charts.dirty, true);
    index.check();
    assert.deepEqual([...index.resources()].map((r) => `${r.kind} ${r.namespace}`).sort(), ['Deployment prod', 'Service prod']);
    assert.equal(index.charts.dirty, false);
  });

  it("the traffic path of a chart's Service opens its nodes and findings at the template lines", () => {
    const index = indexOf(shop());
    const g = buildTrafficGraph(index, { namespace: 'default', name: 'release-name-shop' })!;
    const sources = [...g.nodes.map((n) => n.source), ...g.diagnostics.map((d) => d.source)].filter((x) => x !== undefined);
    assert.ok(sources.length >= 3);
    assert.deepEqual(
      sources.filter((x) => x.uri.includes('#')),
      [],
    );
    const target = g.diagnostics.find((d) => d.rule === 'service-target-port-not-found' && d.message.includes('8081'))!;
    assert.deepEqual([target.source!.uri, target.source!.range.start.line + 1], [uriOf('shop/templates/service.yaml'), 11]);
  });

  it('a chart whose Chart.yaml goes away is no chart any more: its rendered objects leave the index', () => {
    const index = indexOf(shop());
    index.removeFile(uriOf('shop/Chart.yaml'));
    index.check();
    assert.equal(index.charts.count, 0);
    assert.deepEqual([...index.resources()], []);
  });
});
