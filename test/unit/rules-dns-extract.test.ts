/** Extraction of Service DNS references (parse/extractDns.ts): forms, places and exact spans. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { indexOf } from './helpers';

interface Seen {
  kind: string;
  ref: string;
  qualified: boolean;
  port: number | undefined;
  /** The file text under the span and under the port span. */
  host: string;
  portText: string | undefined;
  where: string;
}

/** Every DNS reference of every resource of one file, with the text its spans cover. */
function refs(text: string, opts: { clusterDomain?: string; defaultNamespace?: string } = {}): Seen[] {
  const index = indexOf({ 'a.yaml': text }, opts);
  const out: Seen[] = [];
  for (const f of index.allFiles()) {
    for (const r of f.resources) {
      for (const d of r.dnsRefs) {
        out.push({
          kind: r.kind,
          ref: `${d.service}.${d.namespace}`,
          qualified: d.qualified,
          port: d.port,
          host: f.text.slice(d.span[0], d.span[1]),
          portText: d.portSpan ? f.text.slice(d.portSpan[0], d.portSpan[1]) : undefined,
          where: d.where,
        });
      }
    }
  }
  return out;
}

/** A Deployment in namespace shop whose container has these env values and args. */
const pod = (env: string[], args: string[] = [], ns = 'shop'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: ${ns}
spec:
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: app
          env:
${env.map((v, i) => `            - name: V${i}\n              value: ${v}\n`).join('')}          args:
${args.map((a) => `            - ${a}\n`).join('')}`;

const cm = (data: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: conf
  namespace: shop
data:
${data}`;

describe('DNS references: fully qualified forms', () => {
  it('finds svc.ns.svc and svc.ns.svc.cluster.local, with and without port, span on host and port', () => {
    const got = refs(pod(['api.payments.svc', 'api.payments.svc.cluster.local:8080', 'db.shop.svc.cluster.local.']));
    assert.deepEqual(
      got.map((g) => [g.ref, g.qualified, g.port, g.host, g.portText]),
      [
        ['api.payments', true, undefined, 'api.payments.svc', undefined],
        ['api.payments', true, 8080, 'api.payments.svc.cluster.local:8080', '8080'],
        ['db.shop', true, undefined, 'db.shop.svc.cluster.local.', undefined],
      ],
    );
    assert.equal(got[0]!.where, 'env V0 of container app');
  });

  it('honours a custom clusterDomain and ignores other domains', () => {
    const text = pod(['http://api.shop.svc.corp.internal:80/x', 'api.shop.svc.cluster.local:81']);
    assert.deepEqual(
      refs(text, { clusterDomain: 'corp.internal' }).map((g) => [g.host, g.port]),
      [['api.shop.svc.corp.internal:80', 80]],
    );
    assert.deepEqual(
      refs(text).map((g) => [g.host, g.port]),
      [['api.shop.svc.cluster.local:81', 81]],
    );
  });

  it('reads the Service of a pod name (web-0.web.ns.svc…) and of SRV names, pointing at the Service label', () => {
    const got = refs(pod(['web-0.web.shop.svc.cluster.local:5432', '_grpc._tcp.api.shop.svc.cluster.local']));
    assert.deepEqual(
      got.map((g) => [g.ref, g.host]),
      [
        ['web.shop', 'web.shop.svc.cluster.local:5432'],
        ['api.shop', 'api.shop.svc.cluster.local'],
      ],
    );
  });

  it('accepts schemes, userinfo and paths, anywhere in a value; several in one value', () => {
    const got = refs(pod(['"grpc://api.shop.svc:9090"', 'postgres://u:p@db.shop.svc:5432/app?ssl=1', '"a.shop.svc:1,b.shop.svc:2"']));
    assert.deepEqual(
      got.map((g) => [g.ref, g.port, g.host]),
      [
        ['api.shop', 9090, 'api.shop.svc:9090'],
        ['db.shop', 5432, 'db.shop.svc:5432'],
        ['a.shop', 1, 'a.shop.svc:1'],
        ['b.shop', 2, 'b.shop.svc:2'],
      ],
    );
  });

  it('is never part of a longer name or number', () => {
    assert.deepEqual(
      refs(pod(['api.shop.svc.example.com', 'api.shop.svcx', 'x-api.shop.svc:123456'])).map((g) => [g.ref, g.port]),
      [['x-api.shop', undefined]],
    );
  });

  it('is case-insensitive and lower-cases the names', () => {
    assert.deepEqual(
      refs(pod(['API.Shop.SVC:80'])).map((g) => [g.ref, g.host]),
      [['api.shop', 'API.Shop.SVC:80']],
    );
  });
});

describe('DNS references: short forms', () => {
  it('takes svc and svc.ns only as whole values, in the own namespace unless named', () => {
    const got = refs(
      pod(['api:8080', 'http://api.payments/v1', 'redis', '" cache:6379 "', '"connect to api:8080"', 'sh -c "curl http://api:8080"']),
    );
    assert.deepEqual(
      got.map((g) => [g.ref, g.qualified, g.port, g.host]),
      [
        ['api.shop', false, 8080, 'api:8080'],
        ['api.payments', false, undefined, 'api.payments'],
        ['redis.shop', false, undefined, 'redis'],
        ['cache.shop', false, 6379, 'cache:6379'],
      ],
    );
  });

  it('uses the default namespace for an object without one', () => {
    assert.deepEqual(
      refs(pod(['api:80'], [], 'default').replace('  namespace: default\n', ''), { defaultNamespace: 'dev' }).map((g) => g.ref),
      ['api.dev'],
    );
  });

  it('points at the host after userinfo, not at a user of the same name', () => {
    const [g] = refs(pod(['postgres://postgres:secret@postgres:5432/app']));
    assert.equal(g!.host, 'postgres:5432');
    assert.equal(g!.portText, '5432');
  });
});

describe('DNS references: args, command and ConfigMap data', () => {
  it('reads --flag=value arguments with exact spans', () => {
    const got = refs(pod([], ['--backend=http://api:8080', '"--db=db.shop.svc:5432"', '-v', 'serve']));
    assert.deepEqual(
      got.map((g) => [g.ref, g.host, g.portText, g.where]),
      [
        ['api.shop', 'api:8080', '8080', 'args of container app'],
        ['db.shop', 'db.shop.svc:5432', '5432', 'args of container app'],
        ['serve.shop', 'serve', undefined, 'args of container app'],
      ],
    );
  });

  it('reads command lines: qualified names inside, short forms only as whole items (candidates until a Service exists)', () => {
    const text = pod([]).replace(
      '          args:\n',
      '          command: ["sh", "-c", "until nc -z db.shop.svc 5432; do sleep 1; done"]\n',
    );
    assert.deepEqual(
      refs(text).map((g) => [g.ref, g.qualified, g.host, g.where]),
      [
        ['sh.shop', false, 'sh', 'command of container app'],
        ['db.shop', true, 'db.shop.svc', 'command of container app'],
      ],
    );
  });

  it('finds references inside block scalars of ConfigMap data, with spans on the right line', () => {
    const got = refs(
      cm(`  nginx.conf: |
    upstream api {
      server api.shop.svc.cluster.local:8080;  # main
    }
    location / { proxy_pass http://api.shop.svc.cluster.local:8080; }
  folded: >
    see web.shop.svc:81
    and more
  url: "http://api:80"
`),
    );
    assert.deepEqual(
      got.map((g) => [g.host, g.portText, g.where]),
      [
        ['api.shop.svc.cluster.local:8080', '8080', 'ConfigMap data key nginx.conf'],
        ['api.shop.svc.cluster.local:8080', '8080', 'ConfigMap data key nginx.conf'],
        ['web.shop.svc:81', '81', 'ConfigMap data key folded'],
        ['api:80', '80', 'ConfigMap data key url'],
      ],
    );
  });

  it('locates text behind escapes, falls back to the whole scalar when it cannot, never throws on wrong types', () => {
    const got = refs(cm('  a: "x\\tapi.shop.svc:80"\n  b: "api\\u002eshop.svc:81"\n  n: 8080\n  c: [api.shop.svc]\n'));
    assert.deepEqual(
      got.map((g) => [g.host, g.portText]),
      [
        ['api.shop.svc:80', '80'],
        ['"api\\u002eshop.svc:81"', '"api\\u002eshop.svc:81"'],
      ],
    );
    const odd = pod([])
      .replace('          env:\n', '          env: {A: api.shop.svc}\n')
      .replace('          args:\n', '          args: api.shop.svc\n');
    assert.deepEqual(refs(odd), []);
    assert.deepEqual(refs(cm('  7\n')), []);
  });
});
