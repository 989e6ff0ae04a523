/** The editor on Gateway API objects: hover, definition, references, completion and code lens. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { codeLensesOf } from '../../server/src/core/features/codeLens';
import { completionsAt } from '../../server/src/core/features/completion';
import { definitionAt } from '../../server/src/core/features/definition';
import { hoverAt } from '../../server/src/core/features/hover';
import { referencesAt } from '../../server/src/core/features/references';
import { at, lineOf } from './shop';

const GW = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: infra
spec:
  gatewayClassName: shared
  listeners:
    - name: https
      port: 443
      protocol: HTTPS
      hostname: "*.example.com"
      allowedRoutes:
        namespaces: {from: All}
      tls:
        certificateRefs:
          - name: wildcard-tls
    - name: http
      port: 80
      protocol: HTTP
`;

const ROUTE = (name: string, section = 'https') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${name}
  namespace: shop
spec:
  parentRefs:
    - name: public
      namespace: infra
      sectionName: ${section}
  hostnames: [${name}.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: /api}}]
      backendRefs:
        - name: web
          port: 80
`;

const files = { 'gw.yaml': GW, 'a.yaml': ROUTE('shop'), 'b.yaml': ROUTE('blog') };

describe('Gateway API in the editor', () => {
  it('hover on a parentRef sectionName: the listener it attaches to, with port, protocol, the hostnames it serves and TLS', () => {
    const { index, file, offset } = at('a.yaml', 'sectionName: https', 14, files);
    const md = hoverAt(index, file, offset)!.markdown;
    assert.match(md, /\*\*Attaches to Gateway `infra\/public`\*\* — 1 listener:/);
    assert.match(md, /listener `https`: `HTTPS :443` hosts `shop\.example\.com` · TLS terminate \(wildcard-tls\) — gw\.yaml:9/);
  });

  it('hover on a parentRef that is not accepted: the reason', () => {
    const { index, file, offset } = at('a.yaml', 'sectionName: htps', 14, { ...files, 'a.yaml': ROUTE('shop', 'htps') });
    assert.match(
      hoverAt(index, file, offset)!.markdown,
      /Not accepted by Gateway `infra\/public`\*\* \(NoMatchingParent\): Gateway public has no listener named "htps"/,
    );
  });

  it('definition of a parentRef goes to the listener', () => {
    const { index, file, offset } = at('a.yaml', 'name: public', 7, files);
    const [d, ...rest] = definitionAt(index, file, offset);
    assert.equal(rest.length, 0);
    assert.equal(d!.file.path, 'gw.yaml');
    assert.equal(lineOf(GW, d!.span[0]), 8);
    assert.equal(GW.slice(d!.span[0], d!.span[1]), 'https');
  });

  it('references from a listener: the parentRefs of the routes it takes', () => {
    const { index, file, offset } = at('gw.yaml', 'name: https', 7, files);
    const refs = referencesAt(index, file, offset);
    assert.deepEqual(refs.map((r) => `${r.file.path}:${lineOf(r.file.text, r.span[0])}:${r.declaration}`).sort(), [
      'a.yaml:7:false',
      'b.yaml:7:false',
      'gw.yaml:8:true',
    ]);
  });

  it('code lens on each listener: the routes it takes', () => {
    const { index, file } = at('gw.yaml', 'kind', 0, files);
    assert.deepEqual(
      codeLensesOf(index, file).map((l) => `${lineOf(GW, l.span[0])} ${l.title}`),
      ['8 2 routes · HTTPS :443 *.example.com (TLS terminate)', '17 0 routes · HTTP :80 *'],
    );
  });

  it("completion of Gateway names and of the named Gateway's section names", () => {
    const typing = ROUTE('shop').replace('    - name: public\n', '    - name: \n');
    const names = at('a.yaml', '- name: \n', 8, { ...files, 'a.yaml': typing });
    assert.deepEqual(
      completionsAt(names.index, names.file, names.offset).map((c) => c.label),
      ['public'],
    );
    const section = ROUTE('shop').replace('sectionName: https', 'sectionName: ');
    const s = at('a.yaml', 'sectionName: ', 13, { ...files, 'a.yaml': section });
    assert.deepEqual(
      completionsAt(s.index, s.file, s.offset).map((c) => `${c.label}: ${c.detail}`),
      ['https: listener HTTPS :443 *.example.com (TLS terminate)', 'http: listener HTTP :80 *'],
    );
  });
});
