/** completion: linked values from the index, on lines that do not parse yet too. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completionsAt, lineContext } from '../../server/src/core/features/completion';
import { APP, SVC, shop, at } from './shop';

describe('completion', () => {
  const labels = (path: string, needle: string, delta: number, files: Record<string, string>): string[] => {
    const { index, file, offset } = at(path, needle, delta, files);
    return completionsAt(index, file, offset)
      .map((c) => c.label)
      .sort();
  };
  it('reads the enclosing keys by indentation, sequences included', () => {
    const text = 'spec:\n  rules:\n  - backendRefs:\n    - name: web\n      port: 8\n';
    assert.deepEqual(lineContext(text, text.indexOf('port: 8') + 7)?.keys, ['spec', 'rules', 'backendRefs']);
    assert.equal(lineContext(text, text.indexOf('port: 8') + 7)?.key, 'port');
  });
  it('targetPort from the matched containers (names and numbers)', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort: ') };
    assert.deepEqual(labels('svc.yaml', 'targetPort: ', 12, files), ['8080', 'http']);
  });
  it('no targetPort or probe port name the API rejects (it would only move the error)', () => {
    const app = APP.replace(
      '              name: http\n',
      '              name: http\n            - containerPort: 9113\n              name: Metrics_Port\n',
    );
    const files = { ...shop, 'app.yaml': app, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort: ') };
    assert.deepEqual(labels('svc.yaml', 'targetPort: ', 12, files), ['8080', '9113', 'http']);
    assert.deepEqual(labels('app.yaml', 'port: http', 6, files), ['8080', '9113', 'http']);
  });
  it('right after the colon (a trigger character), the value comes with its space', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort:') };
    const { index, file, offset } = at('svc.yaml', 'targetPort:', 11, files);
    assert.deepEqual(
      completionsAt(index, file, offset)
        .map((c) => c.insertText)
        .sort(),
      [' 8080', ' http'],
    );
  });
  it('inside flow maps and sequences: targetPort, selector values and keys, nodePort', () => {
    const flow = (spec: string): Record<string, string> => ({
      ...shop,
      'svc.yaml': `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n${spec}\n`,
    });
    assert.deepEqual(labels('svc.yaml', 'targetPort: }', 12, flow('spec: {selector: {app: web}, ports: [{port: 80, targetPort: }]}')), [
      '8080',
      'http',
    ]);
    assert.deepEqual(
      labels('svc.yaml', 'targetPort: ', 12, flow('spec:\n  selector: {app: web}\n  ports:\n    - {name: http, port: 80, targetPort: }')),
      ['8080', 'http'],
    );
    assert.deepEqual(labels('svc.yaml', '{app: }', 6, flow('spec:\n  selector: {app: }\n  ports: [{port: 80}]')), ['web']);
    const app = APP.replace('        app: web\n', '        app: web\n        tier: front\n');
    assert.deepEqual(
      labels('svc.yaml', 'web, }', 5, { ...flow('spec:\n  selector: {app: web, }\n  ports: [{port: 80}]'), 'app.yaml': app }),
      ['tier: front'],
    );
    assert.deepEqual(
      labels('svc.yaml', 'nodePort: ', 10, flow('spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, nodePort: }]}')),
      ['30080'],
    );
    // Past the flow collection, the line is no value of it.
    assert.deepEqual(labels('svc.yaml', '}]} ', 4, flow('spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]} ')), []);
  });
  it('selector pairs while typing a key (the line does not parse yet)', () => {
    const files = {
      ...shop,
      'app.yaml': APP.replace('        app: web\n', '        app: web\n        tier: front\n'),
      'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    ti\n'),
    };
    assert.deepEqual(labels('svc.yaml', '    ti\n', 6, files), ['tier: front']);
  });
  it('no selector pair whose key the selector already has: it would be a duplicate key', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    \n') };
    assert.deepEqual(labels('svc.yaml', '    app: web\n    ', 17, files), []);
  });
  it('label values that YAML would read as a number or a boolean are quoted', () => {
    const app = APP.replace(
      '        app: web\n',
      '        app: web\n        version: "2"\n        canary: "true"\n        track: stable\n',
    );
    const files = { ...shop, 'app.yaml': app, 'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    \n') };
    const { index, file, offset } = at('svc.yaml', '    app: web\n    ', 17, files);
    assert.deepEqual(
      completionsAt(index, file, offset)
        .map((c) => c.insertText)
        .sort(),
      ['canary: "true"', 'track: stable', 'version: "2"'],
    );
    const typed = { ...files, 'svc.yaml': SVC.replace('    app: web\n', '    app: web\n    version: \n') };
    const v = at('svc.yaml', 'version: ', 9, typed);
    assert.deepEqual(
      completionsAt(v.index, v.file, v.offset).map((c) => [c.label, c.insertText]),
      [['2', '"2"']],
    );
  });
  it('selector pairs in a folder whose kustomization sets the namespace, on a line that does not parse yet', () => {
    const kust = 'namespace: shop\nresources:\n  - svc.yaml\n  - app.yaml\n';
    const strip = (t: string): string => t.replace('  namespace: shop\n', '');
    const app = strip(APP).replace('        app: web\n', '        app: web\n        tier: front\n');
    const files = {
      'k/kustomization.yaml': kust,
      'k/app.yaml': app,
      'k/svc.yaml': strip(SVC).replace('    app: web\n', '    app: web\n    ti\n'),
    };
    assert.deepEqual(labels('k/svc.yaml', '    ti\n', 6, files), ['tier: front']);
  });
  it('selector pairs on a line that does not parse yet, in a Service after a workload in the same file', () => {
    const both = `${APP.replace('        app: web\n', '        app: web\n        tier: front\n')}---\n${SVC.replace('    app: web\n', '    app: web\n    ti\n')}`;
    assert.deepEqual(labels('both.yaml', '    ti\n', 6, { 'both.yaml': both }), ['tier: front']);
  });
  it('route backendRef names from the namespace the ref names, before the name is typed', () => {
    const route =
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  namespace: edge\nspec:\n  rules:\n    - backendRefs:\n        - name: \n          namespace: shop\n          port: 80\n';
    assert.deepEqual(labels('route.yaml', 'name: \n', 6, { ...shop, 'route.yaml': route }), ['web']);
  });
  it('Ingress backend Service names and ports; a free nodePort', () => {
    assert.deepEqual(labels('ing.yaml', 'name: web', 6, shop), ['web']);
    assert.deepEqual(labels('ing.yaml', 'number: 80', 8, shop), ['80']);
    const files = { ...shop, 'svc.yaml': SVC.replace('nodePort: 30080', 'nodePort: ') };
    assert.deepEqual(labels('svc.yaml', 'nodePort: ', 10, files), ['30080']);
    assert.notDeepEqual(labels('svc.yaml', 'nodePort: 30080', 10, shop), ['30080']);
  });
});
