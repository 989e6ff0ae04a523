/**
 * Kustomize builds as apply units (issue 13): a root kustomization's unit holds the objects of
 * its build (namespace, namePrefix, labels, patches applied), findings lie where each value came
 * from, once with the units it holds in; what the evaluator refuses is a `kustomize-build`
 * finding; hovers say what an overlay changed; an edit re-evaluates only the builds that read it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeLensesOf } from '../../server/src/core/features/codeLens';
import { definitionAt } from '../../server/src/core/features/definition';
import { hoverAt } from '../../server/src/core/features/hover';
import { realPlace } from '../../server/src/core/model/resource';
import { findingsOf, indexOf, uriOf } from './helpers';

const base = {
  'base/kustomization.yaml': 'resources:\n  - app.yaml\n',
  'base/app.yaml': `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: api
          ports:
            - containerPort: 8080
              name: web
`,
};

const ingress = (service: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${service}
                port:
                  number: 80
`;

const overlays = {
  ...base,
  'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\n  - ingress.yaml\n',
  'overlays/prod/ingress.yaml': ingress('api'),
  'overlays/staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../../base\n',
};

describe('kustomize builds as units', () => {
  it('resolve links among the built objects: the namespace and the prefix apply, and the Ingress follows the renamed Service', () => {
    // Read as files, the Ingress (namespace default) names Service api of namespace default: none in its build.
    const index = indexOf(overlays);
    assert.deepEqual(findingsOf(index), []);
    const units = index.unitList().map((u) => u.def.name);
    assert.deepEqual(units, ['overlays/prod', 'overlays/staging']);
  });

  it('report a finding of a base used by two overlays once, at the base line, naming both units', () => {
    const files = { ...overlays, 'base/app.yaml': base['base/app.yaml'].replace('targetPort: web', 'targetPort: http') };
    const found = findingsOf(indexOf(files), 'service-target-port-not-found');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.file, 'base/app.yaml');
    assert.equal(found[0]!.text, 'http');
    assert.match(found[0]!.message, /\(in overlays\/prod and overlays\/staging; as built in overlays\/prod\)$/);
    assert.match(found[0]!.message, /Service prod-api/);
  });

  it('apply patches: a patch that fixes a base port in one overlay leaves the finding only in the other, and one that breaks it reports at the patch line', () => {
    const broken = { ...overlays, 'base/app.yaml': base['base/app.yaml'].replace('targetPort: web', 'targetPort: http') };
    const patch = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n      targetPort: web\n';
    const fixed = {
      ...broken,
      'overlays/prod/kustomization.yaml': broken['overlays/prod/kustomization.yaml'] + 'patches:\n  - path: port.yaml\n',
      'overlays/prod/port.yaml': patch,
    };
    const found = findingsOf(indexOf(fixed), 'service-target-port-not-found');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /\(only in overlays\/staging\)$/);
    const breaking = {
      ...overlays,
      'overlays/prod/kustomization.yaml': overlays['overlays/prod/kustomization.yaml'] + 'patches:\n  - path: port.yaml\n',
      'overlays/prod/port.yaml': patch.replace('targetPort: web', 'targetPort: metrics'),
    };
    const atPatch = findingsOf(indexOf(breaking), 'service-target-port-not-found');
    assert.deepEqual(
      atPatch.map((f) => [f.file, f.line, f.text]),
      [['overlays/prod/port.yaml', 8, 'metrics']],
    );
    assert.doesNotMatch(atPatch[0]!.message, /\(in /);
  });

  it('apply labels to pod templates: a NetworkPolicy of the overlay selects the Pods by a label only the overlay adds', () => {
    const policy =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      tier: web\n  policyTypes: [Ingress]\n';
    const kustomization =
      'namespace: staging\nlabels:\n  - pairs:\n      tier: web\n    includeTemplates: true\nresources:\n  - ../../base\n  - policy.yaml\n';
    const files = { ...overlays, 'overlays/staging/kustomization.yaml': kustomization, 'overlays/staging/policy.yaml': policy };
    assert.deepEqual(findingsOf(indexOf(files), 'networkpolicy-selector-no-match'), []);
    // Without the label the policy selects nothing: the build is what is checked.
    const without = { ...files, 'overlays/staging/kustomization.yaml': kustomization.replace('tier: web', 'tier: api') };
    assert.equal(findingsOf(indexOf(without), 'networkpolicy-selector-no-match').length, 1);
  });

  it('report what the evaluator refuses at the kustomization line, and analyse the unit without it', () => {
    const files = {
      ...overlays,
      'overlays/staging/kustomization.yaml':
        'namespace: staging\nresources:\n  - ../../base\n  - https://github.com/example/remote//base?ref=v1\npatches:\n  - path: missing.yaml\n',
    };
    const found = findingsOf(indexOf(files), 'kustomize-build');
    assert.deepEqual(
      found.map((f) => [f.file, f.line, f.severity]),
      [
        ['overlays/staging/kustomization.yaml', 4, 'info'],
        ['overlays/staging/kustomization.yaml', 6, 'error'],
      ],
    );
    assert.match(found[0]!.message, /remote/);
    assert.match(found[1]!.message, /missing\.yaml not found/);
    // The rest of the build is still checked: the base's Service has its Pods.
    assert.deepEqual(
      findingsOf(indexOf(files)).filter((f) => f.rule !== 'kustomize-build'),
      [],
    );
  });

  it('a non-YAML generator input podpath does not read is an info, not a kustomize error', () => {
    const files = {
      ...overlays,
      'overlays/staging/kustomization.yaml':
        'resources:\n  - ../../base\nconfigMapGenerator:\n  - name: cfg\n    envs:\n      - params.env\n',
    };
    const found = findingsOf(indexOf(files), 'kustomize-build');
    assert.deepEqual(
      found.map((f) => f.severity),
      ['info'],
    );
    assert.match(found[0]!.message, /params\.env is not YAML, so podpath left it out of this build/);
  });

  it('a kustomize-build finding can be silenced with a comment in the kustomization', () => {
    const files = {
      ...overlays,
      'overlays/staging/kustomization.yaml':
        'resources:\n  - ../../base\npatches:\n  # podpath-ignore kustomize-build\n  - path: missing.yaml\n',
    };
    assert.deepEqual(findingsOf(indexOf(files), 'kustomize-build'), []);
  });

  it('hover on a prefixed name says what the overlay made of it, per unit', () => {
    const index = indexOf(overlays);
    const file = index.getFile(uriOf('base/app.yaml'))!;
    const md = hoverAt(index, file, file.text.indexOf('name: api') + 'name: '.length)?.markdown ?? '';
    assert.match(
      md,
      /\*\*In unit `overlays\/prod`:\*\* name `prod-api` — `api` with namePrefix prod- from overlays\/prod\/kustomization\.yaml:2/,
    );
    assert.match(md, /In unit `overlays\/staging`/);
  });

  it('code lenses in a base open the traffic path of what its first unit built, at the base line', () => {
    const index = indexOf(overlays);
    const file = index.getFile(uriOf('base/app.yaml'))!;
    const lenses = codeLensesOf(index, file);
    const svc = lenses.find((l) => l.title.startsWith('Show traffic path'));
    assert.deepEqual(svc?.command?.args, [{ namespace: 'prod', name: 'prod-api' }]);
    assert.deepEqual(svc?.span, [0, 0]);
    assert.match(svc!.title, /1 pod/);
    const workload = lenses.find((l) => l.title.startsWith('exposed by'));
    assert.equal(workload?.title, 'exposed by prod-api:80');
    assert.equal(workload?.span[0], file.text.indexOf('apiVersion: apps/v1'));
  });

  it('definition on an overlay Ingress backend goes to the Service the build renamed, in the base', () => {
    const index = indexOf(overlays);
    const file = index.getFile(uriOf('overlays/prod/ingress.yaml'))!;
    const places = definitionAt(index, file, file.text.indexOf('name: api') + 'name: '.length).map((p) => realPlace(p.file, p.span));
    assert.deepEqual(
      places.map((p) => [p.file.path, p.file.text.slice(p.span[0], p.span[1])]),
      [['base/app.yaml', 'api']],
    );
  });

  it('an edit of a base re-evaluates the builds that read it, and gives what a fresh index gives', () => {
    const index = indexOf(overlays);
    const broken = base['base/app.yaml'].replace('targetPort: web', 'targetPort: http');
    index.setFile(uriOf('base/app.yaml'), 'base/app.yaml', broken, 2);
    const changed = index.check();
    assert.ok(changed.has(uriOf('base/app.yaml')), 'the base file is named as changed');
    const after = findingsOf(index).map((f) => `${f.file}:${f.line} ${f.message}`);
    assert.deepEqual(
      after,
      findingsOf(indexOf({ ...overlays, 'base/app.yaml': broken })).map((f) => `${f.file}:${f.line} ${f.message}`),
    );
    assert.equal(after.length, 1);
    // An edit of one overlay's file re-evaluates that overlay only: staging's results stay.
    index.setFile(uriOf('overlays/prod/ingress.yaml'), 'overlays/prod/ingress.yaml', ingress('nope'), 3);
    index.check();
    const now = findingsOf(index);
    assert.ok(now.some((f) => f.rule === 'ingress-backend-service-not-found' && f.file === 'overlays/prod/ingress.yaml'));
  });
  it('a build shares the parsed nodes of what it leaves as written, and copies what it changes', () => {
    const index = indexOf({ ...overlays, 'plain/kustomization.yaml': 'resources:\n  - ../base\n' });
    const source = index.getFile(uriOf('base/app.yaml'))!.resources.find((r) => r.kind === 'Deployment')!;
    const builtIn = (unit: string, ns: string) => [...index.lookup({ unit }).get('obj', ns)].find((r) => r.kind === 'Deployment')!;
    // A build that changes nothing: the very tree the file was parsed into (a copy per unit was most of the units' memory).
    assert.equal(builtIn('plain', 'default').root, source.root);
    // namespace and namePrefix change metadata only: the pod template is shared, metadata is a copy that says what it became.
    const prod = builtIn('overlays/prod', 'prod');
    assert.notEqual(prod.root, source.root);
    assert.equal(prod.name, 'prod-api');
    assert.equal(prod.namespace, 'prod');
    const spec = (r: typeof prod) => r.root!.pairs.get('spec')!.value as { pairs: ReadonlyMap<string, { value: unknown }> };
    assert.equal(spec(prod).pairs.get('template')!.value, spec(source).pairs.get('template')!.value);
    assert.equal(source.name, 'api');
  });
});
