/**
 * Chart rendering behaviour a chart author notices: values precedence and null deletion,
 * subcharts (conditions, globals, .tgz), .helmignore, Helm's functions, errors and caps as
 * findings, and provenance of rendered scalars down to the template or values line.
 */
import { strict as assert } from 'node:assert';
import { gzipSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { filesFromMap } from '../../server/src/core/sources/helm/chart';
import { renderChart, type RenderOptions } from '../../server/src/core/sources/helm/render';
import { scalarProvenance } from '../../server/src/core/sources/helm/provenance';

const chartYaml = (name: string, extra = ''): string => `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n${extra}`;

function render(files: Record<string, string | Uint8Array>, opts: RenderOptions = {}) {
  return renderChart(filesFromMap(new Map(Object.entries(files))), { releaseName: 'rel', namespace: 'ns', ...opts });
}

function tar(files: Record<string, string>): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const [name, text] of Object.entries(files)) {
    const body = enc.encode(text);
    const h = new Uint8Array(512);
    h.set(enc.encode(name), 0);
    h.set(enc.encode('0000644\0'), 100);
    h.set(enc.encode(body.length.toString(8).padStart(11, '0') + '\0'), 124);
    h[156] = 48;
    h.set(enc.encode('        '), 148);
    const sum = h.reduce((a, b) => a + b, 0);
    h.set(enc.encode(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    blocks.push(h, body, new Uint8Array((512 - (body.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let off = 0;
  for (const b of blocks) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

describe('Helm rendering', () => {
  it('values: files in order, --set last, a null deletes a chart default', () => {
    const r = render(
      {
        'Chart.yaml': chartYaml('app'),
        'values.yaml': 'port: 80\nname: web\ndrop: me\n',
        'templates/cm.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\ndata:\n  port: {{ .Values.port | quote }}\n  drop: {{ .Values.drop | default "gone" }}\n',
      },
      {
        valuesFiles: [
          { name: 'a.yaml', text: 'port: 8080\ndrop: null\n' },
          { name: 'b.yaml', text: 'name: api\n' },
        ],
        set: ['port=9090'],
      },
    );
    assert.deepEqual(r.findings, []);
    assert.match(r.manifest, /name: api\ndata:\n {2}port: "9090"\n {2}drop: gone/);
    assert.ok(r.manifest.startsWith('---\n# Source: app/templates/cm.yaml\n'));
  });

  it('subcharts: a false condition leaves one out, globals reach the other, a .tgz is read through the injected gunzip', () => {
    const sub = (name: string): Record<string, string> => ({
      [`${name}/Chart.yaml`]: chartYaml(name),
      [`${name}/values.yaml`]: 'own: x\n',
      [`${name}/templates/cm.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-{{ .Values.global.env }}-{{ .Values.own }}\n`,
    });
    const files = {
      'Chart.yaml': chartYaml('top', 'dependencies:\n- name: a\n  condition: a.enabled\n- name: b\n  condition: b.enabled\n- name: c\n'),
      'values.yaml': 'global:\n  env: prod\na:\n  enabled: false\nb:\n  own: why\n',
      'charts/a/Chart.yaml': chartYaml('a'),
      'charts/a/templates/cm.yaml': 'kind: ConfigMap\n',
      ...Object.fromEntries(Object.entries(sub('b')).map(([k, v]) => [`charts/${k}`, v])),
      'charts/c-1.0.0.tgz': gzipSync(tar(sub('c'))),
    };
    const r = render(files, { gunzip: (b) => new Uint8Array(gunzipSync(b)) });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(
      r.documents.map((d) => [d.template, d.name]),
      [
        ['top/charts/b/templates/cm.yaml', 'b-prod-why'],
        ['top/charts/c/templates/cm.yaml', 'c-prod-x'],
      ],
    );
    const without = render(files);
    assert.match(without.findings.map((f) => f.message).join('\n'), /charts\/c-1\.0\.0\.tgz: compressed subchart not rendered/);
  });

  it('.helmignore hides files from .Files; .Files cannot name anything outside the chart', () => {
    const r = render({
      'Chart.yaml': chartYaml('app'),
      '.helmignore': '*.secret\n',
      'conf/a.txt': 'hello',
      'conf/b.secret': 'nope',
      'templates/cm.yaml':
        'kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Files.Get "conf/a.txt" | quote }}\n  b: {{ .Files.Get "conf/b.secret" | quote }}\n  up: {{ .Files.Get "../Chart.yaml" | quote }}\n  n: {{ len (.Files.Glob "conf/*").AsConfig }}\n',
    });
    assert.match(r.manifest, /a: "hello"\n {2}b: ""\n {2}up: ""/);
  });

  it('include, tpl, toYaml and a define from the parent overriding the subchart', () => {
    const r = render({
      'Chart.yaml': chartYaml('app'),
      'values.yaml': 'labels:\n  b: "2"\n  a: yes\nmsg: "{{ .Release.Name }}-x"\n',
      'templates/_h.tpl': '{{- define "lbl" -}}\n{{ toYaml .Values.labels }}\n{{- end }}',
      'templates/cm.yaml':
        'kind: ConfigMap\nmetadata:\n  name: {{ tpl .Values.msg . }}\n  labels:\n    {{- include "lbl" . | nindent 4 }}\n',
    });
    assert.deepEqual(r.findings, []);
    assert.match(r.manifest, /name: rel-x\n {2}labels:\n {4}a: true\n {4}b: "2"/);
  });

  it('required, fail and template errors are findings at their line; other templates still render', () => {
    const r = render({
      'Chart.yaml': chartYaml('app'),
      'templates/a.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ required "name is required" .Values.name }}\n',
      'templates/b.yaml': 'kind: Secret\nmetadata:\n  name: ok\n',
      'templates/c.yaml': '{{ if }}\n',
      'templates/d.yaml': '{{ .Values.x.y }}\n',
    });
    const msgs = r.findings.map((f) => `${f.path}: ${f.message}`);
    assert.ok(
      msgs.some((m) => m.startsWith('app/templates/a.yaml: execution error at (app/templates/a.yaml:3:11): name is required')),
      msgs.join('\n'),
    );
    assert.ok(
      msgs.some((m) => m.includes('app/templates/c.yaml: template: app/templates/c.yaml:1: missing value for if')),
      msgs.join('\n'),
    );
    assert.ok(
      msgs.some((m) => m.includes('nil pointer evaluating interface {}.y')),
      msgs.join('\n'),
    );
    assert.deepEqual(
      r.documents.map((d) => d.kind),
      ['Secret'],
    );
  });

  it('runaway templates hit a cap and become a finding', () => {
    const r = render(
      {
        'Chart.yaml': chartYaml('app'),
        'templates/_loop.tpl': '{{ define "loop" }}{{ include "loop" . }}{{ end }}',
        'templates/a.yaml': '{{ include "loop" . }}',
        'templates/b.yaml': '{{ range until 100000 }}xxxxxxxxxx{{ end }}',
      },
      { limits: { maxOutput: 100000 } },
    );
    const msgs = r.findings.map((f) => f.message).join('\n');
    assert.match(msgs, /include "loop" nested deeper than 250 levels/);
    assert.match(msgs, /output larger than 100000 characters/);
  });

  it('every rendered scalar maps to its template span, and a value passed through to its values.yaml line', () => {
    const values = 'service:\n  port: 8080\n';
    const tpl =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-svc\nspec:\n  ports:\n  - port: {{ .Values.service.port }}\n';
    const r = render({ 'Chart.yaml': chartYaml('app'), 'values.yaml': values, 'templates/svc.yaml': tpl }, { provenance: true });
    const doc = r.documents[0]!;
    const { scalars, total } = scalarProvenance(doc.text, doc.offset, doc.chunks!, r.origins);
    assert.equal(scalars.length, total);
    const port = scalars.find((s) => s.text === '8080')!;
    assert.equal(port.kind, 'action');
    assert.equal(tpl.slice(port.src[0], port.src[1]), '{{ .Values.service.port }}');
    assert.equal(port.values?.file, 'values.yaml');
    assert.equal(values.slice(port.values!.range[0], port.values!.range[1]), '8080');
    const kind = scalars.find((s) => s.text === 'Service')!;
    assert.equal(kind.kind, 'text');
    assert.equal(tpl.slice(kind.src[0], kind.src[1]).includes('kind: Service'), true);
    const name = scalars.find((s) => s.text === 'rel-svc')!;
    assert.equal(tpl.slice(name.src[0], name.src[1]), '{{ .Release.Name }}');
  });
});
