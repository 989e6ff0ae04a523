/** duplicate-object: the same kind/namespace/name twice in one apply unit. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, deploymentYaml } from './helpers';

const rule = 'duplicate-object';
const kz = (...resources: string[]): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;
const svc = (ports: string, ns = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  selector: { app: web }\n  ports:\n${ports}`;
const twoPorts = svc('    - { name: http, port: 80 }\n    - { name: metrics, port: 9090 }\n');
const onePort = svc('    - { name: http, port: 80 }\n');

describe('duplicate-object', () => {
  it('reports the second of two objects of one unit, pointing at the first', () => {
    // A configured unit holds its files as written (a kustomization's build refuses the second: below).
    const [f, ...rest] = check({ 'app/a.yaml': twoPorts, 'app/b.yaml': onePort }, rule, {
      units: { from: '.podpath.yaml', units: [{ name: 'app', include: ['app'] }] },
    });
    assert.equal(rest.length, 0);
    assert.equal(f!.file, 'app/b.yaml');
    assert.equal(f!.text, 'web');
    assert.equal(f!.severity, 'warning');
    assert.equal(
      f!.message,
      'Service web in namespace default is defined twice: it is also at app/a.yaml:4. Applied together the second replaces the first (what only the first says is lost); keep one, or give them different names.',
    );
    assert.deepEqual(
      f!.diagnostic.related.map((r) => `${r.file.path} ${r.message}`),
      ['app/a.yaml Service web: first defined here'],
    );
  });

  it("in a kustomization unit, is kustomize's own error: the build refuses the second", () => {
    const found = check({ 'app/kustomization.yaml': kz('a.yaml', 'b.yaml'), 'app/a.yaml': twoPorts, 'app/b.yaml': onePort });
    assert.deepEqual(
      found.map((f) => `${f.rule} ${f.severity} ${f.file}`),
      ['kustomize-build error app/kustomization.yaml'],
    );
    assert.match(found[0]!.message, /already registered id/);
  });

  it('reports two documents of one file, also in the default unit', () => {
    const found = check({ 'all.yaml': `${twoPorts}---\n${onePort}` }, rule);
    assert.deepEqual(
      found.map((f) => `${f.file}:${f.line}`),
      ['all.yaml:14'],
    );
  });

  it('is silent across units, across files of the default unit, and for identical copies', () => {
    // Two overlays each with their own copy: two units.
    assert.deepEqual(
      check(
        { 'a/kustomization.yaml': kz('s.yaml'), 'a/s.yaml': twoPorts, 'b/kustomization.yaml': kz('s.yaml'), 'b/s.yaml': onePort },
        rule,
      ),
      [],
    );
    // Loose files: alternatives as often as one install (a variant per model, a setup per cloud).
    assert.deepEqual(check({ 'gpu.yaml': twoPorts, 'cpu.yaml': onePort }, rule), []);
    // The same text twice (comments aside) changes nothing.
    assert.deepEqual(check({ 'all.yaml': `${onePort}---\n# again\n${onePort}` }, rule), []);
  });

  it('tells objects apart by kind, namespace and name', () => {
    assert.deepEqual(check({ 'all.yaml': `${onePort}---\n${svc('    - port: 81\n', 'other')}---\n${deploymentYaml('web')}` }, rule), []);
    const ns = (extra: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n${extra}`;
    assert.equal(check({ 'all.yaml': `${ns('')}---\n${ns('  labels: { team: a }\n')}` }, rule).length, 1, 'cluster-scoped kinds too');
  });
});
