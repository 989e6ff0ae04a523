/**
 * Apply units (issue 13): which files are applied together, links only inside a unit, each
 * finding once with the units it holds in, and an edit re-checking only the units of its file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createIndex } from '../../server/src/core/api';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { discoverUnits, globRegExp, holds, type UnitDef } from '../../server/src/core/units/discover';
import { mayHoldGitOps, readGitOps } from '../../server/src/core/units/gitops';
import { allRules } from '../../server/src/core/rules';
import type { Rule } from '../../server/src/core/rules/rule';
import { parseUnits } from '../../server/src/node/config';
import { formatUnits } from '../../server/src/cli/units';
import { check, deploymentYaml, findingsOf, indexOf, uriOf } from './helpers';

const kz = (...resources: string[]): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;
const service = (name: string, selector: string, port = 80): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { app: ${selector} }\n  ports:\n    - port: ${port}\n`;
const names = (index: WorkspaceIndex): string[] => index.unitList().map((u) => u.def.name);
const filesOf = (index: WorkspaceIndex, name: string): string[] => index.unitList().find((u) => u.def.name === name)?.files ?? [];

/** The files of a fixture workspace, as inline files. */
function fixture(name: string): Record<string, string> {
  const root = join(__dirname, '..', 'fixtures', name, 'workspace');
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('unit discovery', () => {
  it('makes a unit of every kustomization no other one uses, with the files its build reads', () => {
    const index = indexOf({
      'base/kustomization.yaml': kz('web.yaml'),
      'base/web.yaml': deploymentYaml('web'),
      'components/metrics/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - monitor.yaml\n',
      'components/metrics/monitor.yaml': service('metrics', 'web'),
      'overlays/prod/kustomization.yaml': `${kz('../../base', 'ingress.yaml')}components:\n  - ../../components/metrics\n`,
      'overlays/prod/ingress.yaml': service('prod-only', 'web'),
      'overlays/dev/kustomization.yaml': kz('../../base', 'https://github.com/example/remote//base?ref=v1'),
      'loose/job.yaml': deploymentYaml('job'),
    });
    assert.deepEqual(names(index), ['overlays/dev', 'overlays/prod', 'default']);
    assert.deepEqual(filesOf(index, 'overlays/prod'), [
      'base/kustomization.yaml',
      'base/web.yaml',
      'components/metrics/kustomization.yaml',
      'components/metrics/monitor.yaml',
      'overlays/prod/ingress.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
    assert.deepEqual(filesOf(index, 'overlays/dev'), ['base/kustomization.yaml', 'base/web.yaml', 'overlays/dev/kustomization.yaml']);
    assert.deepEqual(filesOf(index, 'default'), ['loose/job.yaml']);
    assert.deepEqual(index.unitsOf(uriOf('base/web.yaml')), ['overlays/dev', 'overlays/prod']);
  });

  it('reads Argo CD Applications, ApplicationSet git generators and Flux Kustomizations', () => {
    const targets = readGitOps(`apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: guestbook }
spec:
  source: { repoURL: https://github.com/example/apps, path: apps/guestbook, directory: { recurse: true } }
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: redis }
spec:
  sources:
    - { repoURL: https://charts.example.com, chart: redis, targetRevision: 1.0.0 }
    - { repoURL: https://github.com/example/apps, path: apps/redis-values }
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: addons }
spec:
  generators:
    - git: { repoURL: https://github.com/example/apps, directories: [{ path: addons/dns }, { path: 'addons/*' }, { path: addons/old, exclude: true }] }
  template:
    spec: { source: { repoURL: https://github.com/example/apps, path: '{{path}}' } }
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: prod }
spec: { path: ./clusters/prod, targetNamespace: prod, sourceRef: { kind: GitRepository, name: flux-system } }
`);
    assert.deepEqual(
      targets.map((t) => `${t.kind} ${t.name} ${t.path} ${t.recurse}${t.targetNamespace ? ` ${t.targetNamespace}` : ''}`),
      [
        'argocd Application guestbook apps/guestbook true',
        'argocd Application redis apps/redis-values false',
        'argocd ApplicationSet addons addons/dns false',
        'flux Kustomization prod ./clusters/prod true prod',
      ],
    );
    assert.deepEqual(readGitOps('apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec: [broken'), []);
    // Read by the block parser, or by yaml where it gives up (anchors, flow maps over lines): the same targets.
    const app = (source: string): string => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: a }\nspec:\n${source}`;
    const paths = (text: string): string[] => readGitOps(text).map((t) => t.path);
    assert.deepEqual(paths(app('  source:\n    path: apps/a\n')), ['apps/a']);
    assert.deepEqual(paths(app('  source: &s\n    path: apps/a\n  sources:\n    - *s\n')), ['apps/a', 'apps/a']);
    assert.deepEqual(paths(app('  source: {\n    path: apps/a }\n')), ['apps/a']);
    // An alias bomb is never expanded (kubectl rejects the document): no target, and no hang.
    const levels = Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1}\n${Array(10).fill(`  - *a${i}`).join('\n')}`);
    assert.deepEqual(paths(app(`  source:\n    path: apps/a\nx0: &a0\n  - p\n  - p\n${levels.join('\n')}\n`)), []);
  });

  it('tells cheaply which files may hold a GitOps object: a top-level kind of one and its API group', () => {
    const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n';
    assert.equal(mayHoldGitOps(app), true);
    assert.equal(mayHoldGitOps(`# head\n${app}`), true);
    assert.equal(mayHoldGitOps(app.replace('\n', '\r\n').replace('Application\n', 'Application\r\n')), true);
    assert.equal(mayHoldGitOps('kind: Kustomization # flux\napiVersion: kustomize.toolkit.fluxcd.io/v1\n'), true);
    // A kind only inside a CRD's schema, a kind of another object, or no group: no.
    assert.equal(
      mayHoldGitOps('apiVersion: v1\nkind: CustomResourceDefinition\nspec:\n  group: argoproj.io\n  names:\n    kind: Application\n'),
      false,
    );
    assert.equal(mayHoldGitOps('apiVersion: argoproj.io/v1alpha1\nkind: AppProject\n'), false);
    assert.equal(mayHoldGitOps('apiVersion: v1\nkind: Application\n'), false);
  });

  it('makes units of the folders GitOps objects deploy, found from the repository root or below it', () => {
    const index = indexOf({
      'repo/gitops/apps.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: shop }\nspec:\n  source: { path: apps/shop }\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: infra }\nspec: { path: ./infra, targetNamespace: infra }\n',
      'repo/apps/shop/web.yaml': deploymentYaml('web'),
      'repo/apps/shop/nested/extra.yaml': deploymentYaml('extra'),
      'repo/infra/dns.yaml': deploymentYaml('dns'),
      'repo/infra/sub/cache.yaml': deploymentYaml('cache'),
    });
    assert.deepEqual(names(index), ['repo/apps/shop', 'repo/infra', 'default']);
    // An Argo CD directory source reads subfolders only with `recurse`; Flux always does.
    assert.deepEqual(filesOf(index, 'repo/apps/shop'), ['repo/apps/shop/web.yaml']);
    assert.deepEqual(filesOf(index, 'repo/infra'), ['repo/infra/dns.yaml', 'repo/infra/sub/cache.yaml']);
    const infra = index.unitList().find((u) => u.def.name === 'repo/infra')!;
    assert.deepEqual(infra.def.origins, [
      { kind: 'flux', path: 'repo/gitops/apps.yaml', name: 'Kustomization infra', targetNamespace: 'infra' },
    ]);
    assert.deepEqual(filesOf(index, 'default'), ['repo/apps/shop/nested/extra.yaml', 'repo/gitops/apps.yaml']);
  });

  it('an Application pointing at a kustomization root adds its origin to that unit', () => {
    const defs = discoverUnits({
      kustomizations: new Map([
        ['apps/web/kustomization.yaml', { file: 'apps/web/kustomization.yaml', resources: ['web.yaml'], components: [] }],
      ]),
      gitops: new Map([['argo.yaml', [{ kind: 'argocd', name: 'Application web', path: 'apps/web', recurse: false }]]]),
      paths: ['apps/web/kustomization.yaml', 'apps/web/web.yaml', 'argo.yaml'],
    });
    assert.deepEqual(
      defs.map((d) => [d.name, d.origins.map((o) => o.kind), [...d.files].sort()]),
      [['apps/web', ['kustomization', 'argocd'], ['apps/web/kustomization.yaml', 'apps/web/web.yaml']]],
    );
  });

  it('configured units replace discovery, with kustomization folders, folders, files and globs', () => {
    const files = {
      'base/kustomization.yaml': kz('web.yaml'),
      'base/web.yaml': deploymentYaml('web'),
      'overlays/prod/kustomization.yaml': kz('../../base'),
      'apps/a/prod/x.yaml': deploymentYaml('x'),
      'apps/b/prod/y.yaml': deploymentYaml('y'),
      'apps/b/dev/z.yaml': deploymentYaml('z'),
      'extra/one.yaml': deploymentYaml('one'),
      'other/two.yaml': deploymentYaml('two'),
    };
    const index = indexOf(files, {
      units: {
        from: '.podpath.yaml',
        units: [
          { name: 'prod', include: ['overlays/prod', 'apps/*/prod', 'extra/one.yaml'] },
          { name: 'other', include: ['other'] },
        ],
      },
    });
    assert.deepEqual(names(index), ['other', 'prod', 'default']);
    assert.deepEqual(filesOf(index, 'prod'), [
      'apps/a/prod/x.yaml',
      'apps/b/prod/y.yaml',
      'base/kustomization.yaml',
      'base/web.yaml',
      'extra/one.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
    assert.deepEqual(filesOf(index, 'default'), ['apps/b/dev/z.yaml']);
    assert.deepEqual(index.unitList()[0]!.def.origins, [{ kind: 'config', from: '.podpath.yaml' }]);
    // Changing the setting rebuilds the units.
    index.setOptions({ units: undefined });
    index.check();
    assert.deepEqual(names(index), ['overlays/prod', 'default']);
  });

  it('without kustomizations, GitOps objects or configuration everything is the default unit, as before', () => {
    const index = indexOf({ 'a.yaml': deploymentYaml('a'), 'b/c.yaml': deploymentYaml('c') });
    assert.deepEqual(
      index.unitList().map((u) => [u.def.name, u.files]),
      [['default', ['a.yaml', 'b/c.yaml']]],
    );
  });

  it('globs: ** crosses folders, * stays in one, a folder glob takes what is below', () => {
    assert.ok(globRegExp('apps/**/prod').test('apps/prod/x.yaml'));
    assert.ok(globRegExp('apps/**/prod').test('apps/a/b/prod/x.yaml'));
    assert.ok(!globRegExp('apps/*/prod').test('apps/a/b/prod/x.yaml'));
    assert.ok(globRegExp('**/*.yaml').test('x.yaml'));
    const u: UnitDef = { name: 'u', origins: [], files: new Set(), folders: [{ dir: 'a', recursive: false }], globs: [] };
    assert.ok(holds(u, 'a/x.yaml') && !holds(u, 'a/b/x.yaml') && !holds(u, 'ab/x.yaml'));
  });

  it('the config and the setting reject malformed units with one clear line', () => {
    assert.equal(
      parseUnits({ name: 'x' }, undefined),
      'units must be a list of { name, include: [folders, files or globs] } or { name, chart, values: [files], release, namespace }',
    );
    assert.equal(
      parseUnits([{ name: 'default', include: ['a'] }], undefined),
      'units[0]: "default" is the name of the unit of the files in no other unit',
    );
    assert.equal(
      parseUnits(
        [
          { name: 'a', include: ['x'] },
          { name: 'a', include: ['y'] },
        ],
        undefined,
      ),
      'units[1]: the name "a" is used twice',
    );
    assert.equal(
      parseUnits([{ name: 'a', include: [] }], undefined),
      'units[0] (a): include must be a non-empty list of folders, files or globs',
    );
    assert.equal(
      parseUnits([{ name: 'a', include: ['x'], folders: ['y'] }], undefined),
      'units[0]: unknown key "folders" (known: name, include; or name, chart, values, release, namespace, set, kubeVersion)',
    );
    assert.deepEqual(parseUnits([{ name: 'a', include: ['x'] }], undefined), { units: [{ name: 'a', include: ['x'] }], charts: [] });
  });
});

describe('links inside a unit', () => {
  it('a NetworkPolicy of one build does not block a Service of another (argo-cd, test/fixtures/ws-units)', () => {
    const files = fixture('ws-units');
    assert.deepEqual(check(files, 'service-blocked-by-networkpolicy'), []);
    // Built together, the policy admits only 8082 and the Service's 8084 is blocked.
    const together = {
      ...files,
      'manifests/all/kustomization.yaml': kz('../base/application-controller', '../base/application-controller-deployment'),
    };
    assert.deepEqual(
      check(together, 'service-blocked-by-networkpolicy').map((f) => f.file),
      ['manifests/base/application-controller-deployment/argocd-application-controller-service.yaml'],
    );
  });

  it('a Service finds only the Pods of its own unit', () => {
    const files = {
      'a/kustomization.yaml': kz('svc.yaml'),
      'a/svc.yaml': service('web', 'web'),
      'b/kustomization.yaml': kz('web.yaml', 'other.yaml'),
      'b/web.yaml': deploymentYaml('web'),
      'b/other.yaml': deploymentYaml('other'),
      'c/kustomization.yaml': kz('other.yaml'),
      'c/other.yaml': deploymentYaml('other'),
    };
    // Unit a has no Pod template in namespace default: its Pods may come from elsewhere, so silence.
    assert.deepEqual(check(files, 'service-selector-no-match'), []);
    const withPods = { ...files, 'a/kustomization.yaml': kz('svc.yaml', 'other.yaml'), 'a/other.yaml': deploymentYaml('other') };
    assert.deepEqual(
      check(withPods, 'service-selector-no-match').map((f) => f.file),
      ['a/svc.yaml'],
    );
  });

  it('node ports conflict only inside a unit', () => {
    const np = (name: string): string =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n`;
    assert.deepEqual(
      check(
        { 'a/kustomization.yaml': kz('s.yaml'), 'a/s.yaml': np('one'), 'b/kustomization.yaml': kz('s.yaml'), 'b/s.yaml': np('two') },
        'node-port-conflict',
      ),
      [],
    );
    assert.equal(
      check({ 'a/kustomization.yaml': kz('s.yaml', 't.yaml'), 'a/s.yaml': np('one'), 'a/t.yaml': np('two') }, 'node-port-conflict').length,
      2,
    );
  });
});

describe('findings with their units', () => {
  const base = {
    'base/kustomization.yaml': kz('web.yaml', 'svc.yaml'),
    'base/web.yaml': deploymentYaml('web'),
    'base/svc.yaml': service('api', 'api'),
    'overlays/prod/kustomization.yaml': kz('../../base', 'api.yaml'),
    'overlays/prod/api.yaml': deploymentYaml('api'),
    'overlays/staging/kustomization.yaml': kz('../../base'),
    'overlays/dev/kustomization.yaml': kz('../../base'),
  };

  it('reports a finding of a shared file once, naming the units where it holds', () => {
    const found = check(
      { ...base, 'base/web.yaml': deploymentYaml('web').replace('app: web } }\n  template', 'app: wbe } }\n  template') },
      'workload-selector-mismatch',
    );
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, / \(in overlays\/dev, overlays\/prod and overlays\/staging\)$/);
    assert.deepEqual(found[0]!.diagnostic.units, ['overlays/dev', 'overlays/prod', 'overlays/staging']);
  });

  it('says "only in" when the finding holds in some of the units', () => {
    const [f, ...rest] = check(base, 'service-selector-no-match');
    assert.equal(rest.length, 0);
    assert.equal(f!.file, 'base/svc.yaml');
    assert.match(
      f!.message,
      /^No Pod has these labels: .*Service api selects app=api, but no Pod template .* \(only in overlays\/dev and overlays\/staging\)$/,
    );
  });

  it('leaves the message alone when the file is in one unit', () => {
    const [f] = check(
      { 'a/kustomization.yaml': kz('svc.yaml', 'web.yaml'), 'a/svc.yaml': service('api', 'api'), 'a/web.yaml': deploymentYaml('web') },
      'service-selector-no-match',
    );
    assert.doesNotMatch(f!.message, /\(in |only in/);
  });

  it('the traffic path is built in one unit, chosen or the first, and lists the others', () => {
    const index = indexOf(base);
    assert.deepEqual(index.unitsHaving('default', 'api'), ['overlays/dev', 'overlays/prod', 'overlays/staging']);
    const first = buildTrafficGraph(index, { namespace: 'default', name: 'api' })!;
    assert.equal(first.unit, 'overlays/dev');
    assert.deepEqual(first.units, ['overlays/dev', 'overlays/prod', 'overlays/staging']);
    assert.ok(
      !first.nodes.some((n) => n.kind === 'pod' && n.label.includes('Deployment api')),
      `dev has no api Pods: ${first.nodes.map((n) => `${n.kind} ${n.label}`).join(', ')}`,
    );
    const prod = buildTrafficGraph(index, { namespace: 'default', name: 'api' }, {}, 'overlays/prod')!;
    assert.equal(prod.unit, 'overlays/prod');
    assert.ok(
      prod.nodes.some((n) => n.kind === 'pod' && n.label.includes('Deployment api')),
      `prod has the api Pods: ${prod.nodes.map((n) => `${n.kind} ${n.label}`).join(', ')}`,
    );
  });

  it('podpath units lists each unit, its origins and files, in text and json', () => {
    const index = indexOf({ ...base, 'loose.yaml': deploymentYaml('loose') });
    const text = formatUnits(index, 'text');
    assert.match(
      text,
      /^overlays\/dev  \(4 files\)\n  from kustomization overlays\/dev\/kustomization\.yaml \(used by no other kustomization\)\n/,
    );
    assert.match(text, /\ndefault  \(1 files\)\n  from the files in no other unit\n4 units\n$/);
    const json = JSON.parse(formatUnits(index, 'json')) as {
      version: number;
      units: { name: string; origins: unknown[]; files: string[] }[];
    };
    assert.equal(json.version, 1);
    assert.deepEqual(
      json.units.map((u) => u.name),
      ['overlays/dev', 'overlays/prod', 'overlays/staging', 'default'],
    );
    assert.deepEqual(json.units[3]!.files, ['loose.yaml']);
  });
});

describe('incremental units', () => {
  /** An index whose extra rule counts its runs per resource name. */
  function counting(files: Record<string, string>): { index: WorkspaceIndex; runs: Map<string, number> } {
    const runs = new Map<string, number>();
    const counter: Rule = {
      meta: { id: 'count', severity: 'info', description: 'counts' },
      check: (r) => void runs.set(r.name, (runs.get(r.name) ?? 0) + 1),
    };
    const index = new WorkspaceIndex([...allRules, counter]);
    for (const [p, t] of Object.entries(files)) index.setFile(uriOf(p), p, t, 1);
    index.check();
    runs.clear();
    return { index, runs };
  }
  const files = {
    'base/kustomization.yaml': kz('web.yaml'),
    'base/web.yaml': deploymentYaml('web'),
    'overlays/prod/kustomization.yaml': kz('../../base', 'api.yaml'),
    'overlays/prod/api.yaml': deploymentYaml('api'),
    'overlays/dev/kustomization.yaml': kz('../../base', 'job.yaml'),
    'overlays/dev/job.yaml': deploymentYaml('job'),
  };

  it('an edit re-checks the file in the units that hold it, and no other unit', () => {
    const { index, runs } = counting(files);
    index.setFile(uriOf('overlays/prod/api.yaml'), 'overlays/prod/api.yaml', deploymentYaml('api', '[{ containerPort: 80 }]'), 2);
    index.check();
    // prod's build is evaluated again; only the object that changed is checked again (the base's
    // keeps its results, builtReuse.ts), and dev's build is not evaluated at all.
    assert.deepEqual([...runs].sort(), [['api', 1]]);
    runs.clear();
    index.setFile(uriOf('base/web.yaml'), 'base/web.yaml', deploymentYaml('web', '[{ containerPort: 80 }]'), 2);
    index.check();
    // The base is in both builds: each is evaluated again, and checks again what changed: web, once in each of its two units.
    assert.deepEqual([...runs].sort(), [['web', 2]], 'web once in each of its two units');
  });

  it('after edits of a shared base, every unit reports what a fresh index reports', () => {
    const ws: Record<string, string> = {
      'base/kustomization.yaml': kz('web.yaml', 'svc.yaml'),
      'base/web.yaml': deploymentYaml('web', '[{ containerPort: 8080, name: http }]'),
      'base/svc.yaml': `${service('web', 'web')}      targetPort: http\n`,
      'overlays/prod/kustomization.yaml': `${kz('../../base', 'front.yaml')}namePrefix: prod-\n`,
      'overlays/prod/front.yaml': service('front', 'web'),
      'overlays/dev/kustomization.yaml': kz('../../base'),
    };
    const { index } = counting(ws);
    const edits: [string, string][] = [
      // The label goes: both Services of prod and the one of dev select nothing.
      ['base/web.yaml', deploymentYaml('other', '[{ containerPort: 8080, name: http }]')],
      // The port name goes: the targetPort finds no port.
      ['base/web.yaml', deploymentYaml('web', '[{ containerPort: 8080, name: web }]')],
      ['overlays/prod/front.yaml', service('front', 'nothing')],
      ['base/web.yaml', deploymentYaml('web', '[{ containerPort: 8080, name: http }]')],
      ['overlays/prod/front.yaml', service('front', 'web')],
      // Transformers alone: a patch that renames the base's port, then a label the Services do not select.
      [
        'overlays/prod/port.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          ports:\n            - { containerPort: 8080, name: other }\n',
      ],
      ['overlays/prod/kustomization.yaml', `${kz('../../base', 'front.yaml')}namePrefix: prod-\npatches:\n  - path: port.yaml\n`],
      [
        'overlays/prod/kustomization.yaml',
        `${kz('../../base', 'front.yaml')}namePrefix: prod-\nlabels:\n  - pairs: { app: changed }\n    includeSelectors: false\n    includeTemplates: true\n`,
      ],
    ];
    const said = (i: WorkspaceIndex): string[] =>
      findingsOf(i)
        .filter((f) => f.rule !== 'count')
        .map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)
        .sort();
    let version = 2;
    for (const [path, text] of edits) {
      ws[path] = text;
      index.setFile(uriOf(path), path, text, version++);
      index.check();
      assert.deepEqual(said(index), said(indexOf(ws)), `after editing ${path}`);
    }
  });

  it('a workspace named from beside it (../repo, as podpath check ../repo does) re-evaluates a build when its base changes', () => {
    const at = (p: string): string => `../repo/${p}`;
    const ws: Record<string, string> = {
      [at('base/kustomization.yaml')]: kz('web.yaml', 'svc.yaml'),
      [at('base/web.yaml')]: deploymentYaml('web', '[{ containerPort: 8080, name: http }]'),
      [at('base/svc.yaml')]: `${service('web', 'web')}      targetPort: http\n`,
      [at('overlays/prod/kustomization.yaml')]: `${kz('../../base')}namePrefix: prod-\n`,
    };
    const index = indexOf(ws);
    assert.deepEqual(index.unitsOf(uriOf(at('base/web.yaml'))), ['../repo/overlays/prod']);
    const edited = deploymentYaml('web', '[{ containerPort: 8080, name: web }]');
    index.setFile(uriOf(at('base/web.yaml')), at('base/web.yaml'), edited, 2);
    index.check();
    assert.deepEqual(
      findingsOf(index, 'service-target-port-not-found').map((f) => f.file),
      ['../repo/base/svc.yaml'],
    );
  });

  it('a kustomization edit rebuilds only the units whose files change', () => {
    const { index, runs } = counting(files);
    index.setFile(uriOf('overlays/dev/kustomization.yaml'), 'overlays/dev/kustomization.yaml', kz('../../base'), 2);
    index.check();
    assert.deepEqual(filesOf(index, 'overlays/dev'), ['base/kustomization.yaml', 'base/web.yaml', 'overlays/dev/kustomization.yaml']);
    assert.deepEqual(filesOf(index, 'default'), ['overlays/dev/job.yaml']);
    // dev is rebuilt (web again), job moves to the default unit; prod's results stand.
    assert.deepEqual([...runs].sort(), [
      ['job', 1],
      ['web', 1],
    ]);
  });

  it('gives the same findings as a fresh index after edits that move files between units', () => {
    const { index } = counting(files);
    const edits: [string, string | null][] = [
      ['overlays/dev/kustomization.yaml', kz('../../base')],
      ['overlays/qa/kustomization.yaml', kz('../prod')],
      ['base/svc.yaml', service('api', 'api')],
      ['base/kustomization.yaml', kz('web.yaml', 'svc.yaml')],
      ['overlays/prod/api.yaml', null],
    ];
    const now: Record<string, string> = { ...files };
    for (const [p, t] of edits) {
      if (t === null) {
        index.removeFile(uriOf(p));
        delete now[p];
      } else {
        index.setFile(uriOf(p), p, t, 3);
        now[p] = t;
      }
      index.check();
      const fresh = createIndex();
      for (const [q, s] of Object.entries(now)) fresh.setFile(uriOf(q), q, s, 1);
      fresh.check();
      const view = (ix: WorkspaceIndex): string[] =>
        findingsOf(ix)
          .map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`)
          .sort();
      assert.deepEqual(view(index), view(fresh), `after ${p}`);
      assert.deepEqual(
        index.unitList().map((u) => [u.def.name, u.files]),
        fresh.unitList().map((u) => [u.def.name, u.files]),
        `units after ${p}`,
      );
    }
  });
});
