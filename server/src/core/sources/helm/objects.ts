/**
 * The built-in objects a chart's templates see: .Release, .Chart (chart.Metadata), .Capabilities
 * (KubeVersion, APIVersions.Has, HelmVersion), .Files confined to the chart (Get, GetBytes,
 * Glob, Lines, AsConfig, AsSecrets), with Go's field names.
 */
import { GoInt, GoStruct, goFunc, fromPlain, int, tagged, type GoMap, type GoValue } from './template/value';
import { goYamlMarshal } from './funcs/goyamlEmit';
import { b64encBytes } from './funcs/encoding';
import type { Chart, ChartFile } from './chart';

export interface ReleaseInfo {
  name: string;
  namespace: string;
  isUpgrade?: boolean;
  revision?: number;
}

export function releaseObject(r: ReleaseInfo): GoValue {
  return new GoStruct(
    'release.Release',
    new Map<string, GoValue>([
      ['Name', r.name],
      ['Namespace', r.namespace],
      ['IsUpgrade', !!r.isUpgrade],
      ['IsInstall', !r.isUpgrade],
      ['Revision', int(r.revision ?? 1)],
      ['Service', 'Helm'],
    ]),
    {},
    true,
  );
}

const metaFields: [string, string][] = [
  ['name', 'Name'],
  ['home', 'Home'],
  ['sources', 'Sources'],
  ['version', 'Version'],
  ['description', 'Description'],
  ['keywords', 'Keywords'],
  ['maintainers', 'Maintainers'],
  ['icon', 'Icon'],
  ['apiVersion', 'APIVersion'],
  ['condition', 'Condition'],
  ['tags', 'Tags'],
  ['appVersion', 'AppVersion'],
  ['deprecated', 'Deprecated'],
  ['annotations', 'Annotations'],
  ['kubeVersion', 'KubeVersion'],
  ['dependencies', 'Dependencies'],
  ['type', 'Type'],
];

export function chartObject(c: Chart, name: string): GoValue {
  const f = new Map<string, GoValue>();
  for (const [k, goName] of metaFields) {
    const v = k === 'name' ? name : c.metadata[k];
    f.set(
      goName,
      v === undefined
        ? k === 'deprecated'
          ? false
          : ['sources', 'keywords', 'maintainers', 'dependencies'].includes(k)
            ? null
            : k === 'annotations'
              ? null
              : ''
        : fromPlain(typeof v === 'number' ? String(v) : v),
    );
  }
  return new GoStruct('chart.Metadata', f, {}, true);
}

/** API versions a default Helm client knows (chartutil.DefaultVersionSet, abridged to the built-in groups). */
export const defaultAPIVersions = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
  'apiregistration.k8s.io/v1',
  'apps/v1',
  'authentication.k8s.io/v1',
  'authorization.k8s.io/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1beta1',
];

export interface CapabilitiesOptions {
  kubeVersion?: string;
  apiVersions?: string[];
}

/** Helm's default Kubernetes version when no --kube-version is given (chartutil.DefaultCapabilities). */
export const defaultKubeVersion = 'v1.20.0';

export function capabilitiesObject(o: CapabilitiesOptions): GoValue {
  let kv = o.kubeVersion ?? defaultKubeVersion;
  if (!kv.startsWith('v')) kv = 'v' + kv;
  const m = /^v(\d+)\.(\d+)(?:\.(\d+))?/.exec(kv);
  const major = m?.[1] ?? '1';
  const minor = m?.[2] ?? '20';
  if (m && m[3] === undefined) kv = `v${major}.${minor}.0`;
  const versions = [...defaultAPIVersions, ...(o.apiVersions ?? [])];
  const list = tagged(versions.slice() as GoValue[], 'chartutil.VersionSet');
  const apiVersions = new GoStruct(
    'chartutil.VersionSet',
    new Map(),
    { Has: goFunc('Has', ['string'], (v: string) => versions.includes(v)) },
    false,
  );
  void list;
  const kube = new GoStruct(
    'chartutil.KubeVersion',
    new Map<string, GoValue>([
      ['Version', kv],
      ['Major', major],
      ['Minor', minor],
    ]),
    {
      String: goFunc('String', [], () => kv),
      GitVersion: goFunc('GitVersion', [], () => kv),
    },
    false,
  );
  const helm = new GoStruct(
    'version.BuildInfo',
    new Map<string, GoValue>([
      ['Version', 'v3.21.3'],
      ['GitCommit', ''],
      ['GitTreeState', ''],
      ['GoVersion', 'go1.24'],
    ]),
    {},
    false,
  );
  return new GoStruct(
    'chartutil.Capabilities',
    new Map<string, GoValue>([
      ['APIVersions', apiVersions],
      ['KubeVersion', kube],
      ['HelmVersion', helm],
    ]),
    {},
    true,
  );
}

function globToRegExp(g: string): RegExp {
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const j = g.indexOf('}', i);
      if (j > 0) {
        re +=
          '(?:' +
          g
            .slice(i + 1, j)
            .split(',')
            .map((x) => x.replace(/[.+^$()|[\]\\]/g, '\\$&'))
            .join('|') +
          ')';
        i = j;
      } else re += '\\{';
    } else re += c.replace(/[.+^$()|[\]\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** .Files: the chart's non-template files; nothing outside the chart can be named. */
export function filesObject(files: ChartFile[]): GoValue {
  const byName = new Map(files.map((f) => [f.name, f.text]));
  const make = (names: string[]): GoValue => {
    const sub = names.map((n) => ({ name: n, text: byName.get(n)! }));
    const self: GoValue = new GoStruct(
      'engine.files',
      new Map(),
      {
        Get: goFunc('Get', ['string'], (n: string) => byName.get(n) ?? ''),
        GetBytes: goFunc('GetBytes', ['string'], (n: string) =>
          tagged(
            [...new TextEncoder().encode(byName.get(n) ?? '')].map((b) => new GoInt('uint8', BigInt(b))),
            '[]uint8',
          ),
        ),
        Glob: goFunc('Glob', ['string'], (p: string) => {
          const re = globToRegExp(p);
          return filesObject(sub.filter((f) => re.test(f.name)));
        }),
        Lines: goFunc('Lines', ['string'], (n: string) => {
          const t = byName.get(n);
          if (t === undefined) return tagged([], '[]string');
          return tagged(t.split('\n') as GoValue[], '[]string');
        }),
        AsConfig: goFunc('AsConfig', [], () => asMapYaml(sub, (t) => t)),
        AsSecrets: goFunc('AsSecrets', [], () => asMapYaml(sub, (t) => b64encBytes(new TextEncoder().encode(t)))),
      },
      false,
    );
    return self;
  };
  return make(files.map((f) => f.name));
}

function asMapYaml(files: { name: string; text: string }[], enc: (t: string) => string): string {
  if (!files.length) return '';
  const m: GoMap = {};
  for (const f of files) m[f.name.slice(f.name.lastIndexOf('/') + 1)] = enc(f.text);
  return goYamlMarshal(m).replace(/\n$/, '');
}
