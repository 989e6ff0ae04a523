/** cursor: the YNode path and the symbol under an offset (`‸` marks the cursor). */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { nodePathAt, symbolAt } from '../../server/src/core/features/cursor';
import { indexOf, uriOf } from './helpers';

function at(text: string): { sym: ReturnType<typeof symbolAt>; path: (string | number)[] | undefined; onKey: boolean | undefined } {
  const offset = text.indexOf('‸');
  const index = indexOf({ 'a.yaml': text.replace('‸', '') });
  const file = index.getFile(uriOf('a.yaml'))!;
  const r = file.resources.find((x) => x.span[0] <= offset && offset <= x.span[1]);
  const n = r?.root ? nodePathAt(r.root, offset) : undefined;
  return { sym: symbolAt(file, offset), path: n?.path, onKey: n?.onKey };
}

const svc = (port: string): string => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - ${port}
`;

describe('cursor', () => {
  it('finds the path of keys and indices to a value', () => {
    const r = at(svc('port: 80\n      targetPort: ht‸tp'));
    assert.deepEqual(r.path, ['spec', 'ports', 0, 'targetPort']);
    assert.equal(r.onKey, false);
    assert.equal(r.sym?.kind, 'target-port');
  });

  it('tells a key from its value', () => {
    assert.deepEqual(at(svc('port: 80\n      target‸Port: http')).onKey, true);
  });

  it('classifies Service ports, nodePorts, selectors and names', () => {
    assert.equal(at(svc('port: 8‸0')).sym?.kind, 'service-port');
    assert.equal(at(svc('port: 80\n      nodePort: 300‸80')).sym?.kind, 'node-port');
    const sel = at(svc('port: 80').replace('app: web', 'app: w‸eb')).sym;
    assert.equal(sel?.kind, 'service-selector');
    assert.equal(sel?.kind === 'service-selector' ? sel.part : '', 'value');
    assert.equal(at(svc('port: 80').replace('name: web', 'name: w‸eb')).sym?.kind, 'service-name');
  });

  it('classifies pod labels, container ports and probe ports of a workload', () => {
    const dep = (c: string): string =>
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          ports:
            - containerPort: 8080
              name: http
          livenessProbe:
            tcpSocket:
              port: http
`.replace(c.replace('#', ''), c.replace('#', '‸'));
    assert.equal(at(dep('app: w#eb')).sym?.kind, 'pod-label');
    assert.equal(at(dep('containerPort: 80#80')).sym?.kind, 'container-port');
    assert.equal(at(dep('name: ht#tp')).sym?.kind, 'container-port');
    assert.equal(at(dep('port: ht#tp')).sym?.kind, 'probe-port');
    assert.equal(at(dep('name: ngi#nx')).sym, undefined);
  });
});
