/**
 * YAML features real manifests use, seen through the findings a user gets: merge keys
 * (`<<: *anchor`) and aliases must read as the values they stand for.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

const deployment = (labels: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: &sel
      app: web
  template:
    metadata:
      labels:
${labels}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
    tier: front
  ports:
    - port: 80
      targetPort: http
`;

describe('merge keys', () => {
  it('a template whose labels merge the selector anchor matches it, and a Service selecting them', () => {
    const files = { 'web.yaml': `${deployment('        <<: *sel\n        tier: front')}---\n${service}` };
    assert.deepEqual(
      check(files).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('merges a sequence of maps, the earlier winning, and explicit keys over merged ones', () => {
    const files = { 'web.yaml': `${deployment('        <<: [{tier: front}, *sel, {app: other, tier: back}]')}---\n${service}` };
    assert.deepEqual(
      check(files).map((f) => `${f.rule}: ${f.message}`),
      [],
    );
    const overridden = { 'web.yaml': `${deployment('        <<: *sel\n        app: api\n        tier: front')}---\n${service}` };
    assert.deepEqual(
      check(overridden)
        .map((f) => f.rule)
        .sort(),
      ['service-selector-no-match', 'workload-selector-mismatch'],
    );
  });

  it('a quoted "<<" is an ordinary key, not a merge', () => {
    const files = { 'web.yaml': deployment('        "<<": x\n        tier: front') };
    const [f, ...rest] = check(files, 'workload-selector-mismatch');
    assert.equal(rest.length, 0);
    assert.match(f!.message, /app=web: the template has no label app/);
  });
});

describe('a broken document', () => {
  it("is reported on its own last line, not on the next document's ---, and its neighbours are still checked", () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports: [{port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ok\nspec:\n  ports: [{port: 99999}]\n';
    const found = check({ 'multi.yaml': text });
    assert.deepEqual(
      found.map((f) => `${f.rule}:${f.line}`),
      ['yaml-syntax:6', 'port-number-invalid:13'],
    );
    assert.equal(found[0]!.text, '0');
    const last = check({ 'last.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports: [{port: 80\n\n\n' });
    assert.deepEqual(
      last.map((f) => `${f.rule}:${f.line}`),
      ['yaml-syntax:6'],
    );
  });
});
