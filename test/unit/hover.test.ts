/** hover: what the hover teaches at each kind of position. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { hoverAt } from '../../server/src/core/features/hover';
import { APP, CLIENT, ING, SVC, shop, at } from './shop';

describe('hover', () => {
  const md = (path: string, needle: string, delta: number, files?: Record<string, string>): string => {
    const { index, file, offset } = at(path, needle, delta, files);
    return hoverAt(index, file, offset)?.markdown ?? '';
  };
  it('on a targetPort: the container ports reached, with workload, replicas and a link', () => {
    const h = md('svc.yaml', 'targetPort: http', 13);
    assert.match(h, /8080\/TCP \(http\)` in container `nginx` of Deployment `web` ×3 — \[app\.yaml:19\]\(file:\/\/\/ws\/app\.yaml#L19\)/);
    assert.match(h, /targetPort/);
  });
  it('on a targetPort that reaches nothing: why', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort: 9090') };
    assert.match(
      md('svc.yaml', 'targetPort: 9090', 13, files),
      /no container declares containerPort `9090`[\s\S]*declares `8080\/TCP \(http\)`/,
    );
  });
  it('on a Service port: the in-cluster address; on a nodePort: the node path', () => {
    assert.match(md('svc.yaml', 'port: 80', 6), /`web\.shop\.svc\.cluster\.local:80`/);
    assert.match(md('svc.yaml', 'nodePort: 30080', 11), /`<NodeIP>:30080` on every node → port `80` → targetPort `http`/);
  });
  it('on a selector that misses: the closest template and the differing label', () => {
    const files = { ...shop, 'svc.yaml': SVC.replace('app: web', 'app: webb') };
    assert.match(md('svc.yaml', 'app: webb', 6, files), /Closest: Deployment `web`.*`app=webb` \(has `web`\)/);
  });
  it('on a containerPort: the Services and Ingresses that reach it', () => {
    const h = md('app.yaml', 'containerPort: 8080', 16);
    assert.match(h, /Service `web` port `80 \(http\)`/);
    assert.match(h, /Ingress `front`/);
    assert.match(h, /DNS reference in Pod `client`/);
  });
  it('on a containerPort: only the Ingresses and DNS references whose Service port leads to it', () => {
    const app = APP.replace(
      '              name: http\n',
      '              name: http\n            - containerPort: 9090\n              name: metrics\n',
    );
    const svc = SVC.replace(
      '      nodePort: 30080\n',
      '      nodePort: 30080\n    - name: metrics\n      port: 9090\n      targetPort: metrics\n',
    );
    const client = CLIENT.replace('svc.cluster.local:80', 'svc.cluster.local:8080');
    const files = { ...shop, 'app.yaml': app, 'svc.yaml': svc, 'client.yaml': client };
    const metrics = md('app.yaml', 'containerPort: 9090', 16, files);
    assert.match(metrics, /Service `web` port `9090 \(metrics\)`/);
    assert.doesNotMatch(metrics, /Ingress `front`/);
    const http = md('app.yaml', 'containerPort: 8080', 16, files);
    assert.match(http, /Ingress `front`/);
    // web has no port 8080: that reference reaches no Pod.
    assert.doesNotMatch(http, /DNS reference in Pod `client`/);
  });
  it('on an Ingress backend and a DNS reference: the Service and port they resolve to', () => {
    assert.match(md('ing.yaml', 'name: web', 7), /→ Service `web`[\s\S]*Port `80 \(http\)` → targetPort `http`/);
    assert.match(md('client.yaml', 'web.shop', 1), /→ Service `web`[\s\S]*Port `80 \(http\)`/);
  });
  it('on an Ingress backend port the Service does not have: says so', () => {
    const files = { ...shop, 'ing.yaml': ING.replace('number: 80', 'number: 8080') };
    assert.match(md('ing.yaml', 'number: 8080', 8, files), /The Service has no port `8080`; its ports: `80 \(http\)`/);
    assert.match(md('ing.yaml', 'name: web', 6, files), /The Service has no port `8080`/);
  });
  it('on a TLS secretName: the Secret, or the cert-manager Certificate that creates it', () => {
    const tls = ING.replace('spec:\n', 'spec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n');
    const cert =
      'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  secretName: shop-tls\n';
    assert.match(
      md('ing.yaml', 'secretName: shop-tls', 13, { ...shop, 'ing.yaml': tls, 'cert.yaml': cert }),
      /created by cert-manager Certificate `shop` — \[cert\.yaml:4\]/,
    );
    assert.match(md('ing.yaml', 'secretName: shop-tls', 13, { ...shop, 'ing.yaml': tls }), /not in the workspace/);
  });
  it("on a workload selector that misses its own template: says that, not 'in the namespace'", () => {
    const files = {
      ...shop,
      'app.yaml': APP.replace('    matchLabels:\n      app: web\n', '    matchLabels:\n      app: web\n      tier: front\n'),
    };
    assert.match(md('app.yaml', 'tier: front', 7, files), /does not match the workload's own Pod template labels/);
  });
  it('text from the workspace cannot turn into Markdown: Ingress hosts and paths, env names, file paths', () => {
    const ing = ING.replace('    - http:\n', '    - host: "*.shop.example.com"\n      http:\n').replace('path: /', 'path: /api/*');
    const client = CLIENT.replace('name: URL', 'name: _URL_');
    const files = { 'ing.yaml': ing, 'client.yaml': client, 'app.yaml': APP, 'b[1]/*svc*.yaml': SVC };
    const h = md('app.yaml', '        app: web', 13, files);
    assert.match(h, /Ingress `front` \(`\*\.shop\.example\.com\/api\/\*`\)/);
    assert.match(h, /\(env \\_URL\\_ of container c\)/);
    assert.match(h, /\[b\\\[1\\\]\/\\\*svc\\\*\.yaml:4\]\(file:\/\/\/ws\/b\[1\]\/\*svc\*\.yaml#L4\)/);
  });
  it('on a hostPort: the node port, the container behind it, who else wants it, and what a hostPort is', () => {
    const withHost = APP.replace('              name: http\n', '              name: http\n              hostPort: 8443\n');
    const agent = withHost.replace(/name: web/, 'name: agent').replace(/app: web/g, 'app: agent');
    const h = md('app.yaml', 'hostPort: 8443', 10, { ...shop, 'app.yaml': withHost, 'agent.yaml': agent });
    assert.match(h, /\*\*hostPort 8443\/TCP\*\* — `<NodeIP>:8443` on the node that runs each Pod of Deployment `web` ×3 — \[app\.yaml:4\]/);
    assert.match(h, /→ container `nginx` port `8080\/TCP \(http\)`/);
    assert.match(h, /Also wanted by: Deployment `agent` ×3/);
    assert.match(h, /past Services and kube-proxy/);
  });
  it('nothing on plain values', () => {
    assert.equal(md('app.yaml', 'name: nginx', 7), '');
  });
});
