/**
 * The kustomize corpus comparator: each folder of a tree is built by the evaluator and
 * compared with `kubectl kustomize`'s output (golden/<tree>/<folder>.yaml) on what decides
 * traffic — objects (kind, namespace, name, in order), labels, selectors, Pod template
 * labels, ports, targetPorts, nodePorts, Service names in backends, namespaces, replicas,
 * ConfigMap/Secret names — or, where kustomize refuses the folder (<folder>.fails.txt),
 * checks that the evaluator says why. Used by the tests (on the trimmed copy under
 * test/fixtures/kustomize-corpus) and by the bench and PODPATH_CORPUS runs (on the full corpus).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../server/src/core/sources/kustomize/build';
import { plain } from '../../server/src/core/sources/kustomize/nodes';
import type { BuildResult, SourceFs } from '../../server/src/core/sources/kustomize/types';
import { diskSourceFs } from '../../server/src/node/sourceFs';

export interface Case {
  tree: string;
  folder: string;
  /** The golden objects, or undefined when kustomize refuses the folder. */
  golden: Record<string, unknown>[] | undefined;
  error?: string;
}

/** Every folder with a kustomization in every tree of a corpus folder (trees/, golden/). */
export function corpusCases(corpus: string): Case[] {
  const out: Case[] = [];
  for (const tree of readdirSync(join(corpus, 'trees')).sort()) {
    const walk = (rel: string): void => {
      const abs = join(corpus, 'trees', tree, rel);
      const names = readdirSync(abs, { withFileTypes: true });
      if (names.some((n) => n.isFile() && /^(kustomization\.ya?ml|Kustomization)$/.test(n.name))) {
        const g = join(corpus, 'golden', tree, rel === '' ? '_root' : rel);
        if (existsSync(`${g}.yaml`)) {
          const docs = parseAllDocuments(readFileSync(`${g}.yaml`, 'utf8'))
            .map((d) => d.toJS() as Record<string, unknown>)
            .filter((d) => d);
          out.push({ tree, folder: rel, golden: docs });
        } else if (existsSync(`${g}.fails.txt`))
          out.push({ tree, folder: rel, golden: undefined, error: readFileSync(`${g}.fails.txt`, 'utf8') });
      }
      for (const n of names) if (n.isDirectory() && !n.name.startsWith('.')) walk(rel === '' ? n.name : `${rel}/${n.name}`);
    };
    walk('');
  }
  return out;
}

type O = Record<string, unknown>;
const at = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((c, k) => (c && typeof c === 'object' ? (c as O)[k] : undefined), o);

function podSpec(o: O): O | undefined {
  return (at(o, 'spec', 'template', 'spec') ??
    at(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec') ??
    (o.kind === 'Pod' ? at(o, 'spec') : undefined)) as O | undefined;
}

/** What decides traffic in one object, as plain data to compare. */
export function trafficView(o: O): unknown {
  const spec = podSpec(o);
  const containers = [...((spec?.containers as O[]) ?? []), ...((spec?.initContainers as O[]) ?? [])];
  return {
    id: `${String(o.kind)}/${String(at(o, 'metadata', 'namespace') ?? '')}/${String(at(o, 'metadata', 'name'))}`,
    labels: at(o, 'metadata', 'labels'),
    selector: at(o, 'spec', 'selector'),
    podSelector: at(o, 'spec', 'podSelector'),
    templateLabels:
      at(o, 'spec', 'template', 'metadata', 'labels') ?? at(o, 'spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'),
    replicas: at(o, 'spec', 'replicas'),
    type: o.kind === 'Service' ? at(o, 'spec', 'type') : undefined,
    servicePorts: o.kind === 'Service' ? at(o, 'spec', 'ports') : undefined,
    serviceName: at(o, 'spec', 'serviceName'),
    containers: containers.map((c) => ({ name: c.name, ports: c.ports, env: c.env, envFrom: c.envFrom })),
    volumes: spec?.volumes,
    serviceAccount: spec?.serviceAccountName,
    ingress:
      o.kind === 'Ingress'
        ? { rules: at(o, 'spec', 'rules'), tls: at(o, 'spec', 'tls'), defaultBackend: at(o, 'spec', 'defaultBackend') }
        : undefined,
    routes: /Route$/.test(String(o.kind)) ? { rules: at(o, 'spec', 'rules'), parentRefs: at(o, 'spec', 'parentRefs') } : undefined,
    networkPolicy: o.kind === 'NetworkPolicy' ? o.spec : undefined,
  };
}

export interface Outcome {
  case: Case;
  result: BuildResult;
  /** Why the build differs from the golden, or '' when it matches (or a refusal is reported). */
  diff: string;
  /** The whole object equal, not only its traffic fields. */
  identical: boolean;
}

export function compareCase(corpus: string, c: Case, cache?: Map<string, unknown>): Outcome {
  const fs = diskSourceFs(join(corpus, 'trees', c.tree));
  let result: BuildResult;
  try {
    result = buildKustomization(fs, c.folder, { cache });
  } catch (e) {
    return {
      case: c,
      result: { objects: [], findings: [], inputs: new Set(), failed: true },
      diff: `crash: ${(e as Error).stack}`,
      identical: false,
    };
  }
  if (!c.golden) {
    const why = result.findings.find((f) => f.severity === 'error');
    return {
      case: c,
      result,
      diff: why && result.failed ? '' : 'kustomize refuses this folder, the evaluator says nothing',
      identical: false,
    };
  }
  if (result.failed)
    return {
      case: c,
      result,
      diff: `refused: ${result.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.path}: ${f.message}`)
        .join('; ')}`,
      identical: false,
    };
  const built = result.objects.map((o) => plain(o.root) as O);
  const want = c.golden.map(trafficView);
  const got = built.map(trafficView);
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as O)[k])]),
          )
        : v;
  const ids = (v: unknown[]) => v.map((x) => (x as { id: string }).id).join(', ');
  let diff = '';
  if (ids(want) !== ids(got)) diff = `objects differ:\n  want ${ids(want)}\n  got  ${ids(got)}`;
  else {
    for (let i = 0; i < want.length && !diff; i++) {
      const w = JSON.stringify(sorted(want[i]));
      const g = JSON.stringify(sorted(got[i]));
      if (w !== g) diff = `${(want[i] as { id: string }).id}:\n  want ${w}\n  got  ${g}`;
    }
  }
  const identical = JSON.stringify(sorted(c.golden)) === JSON.stringify(sorted(built));
  return { case: c, result, diff, identical };
}

/** A tree read into memory once (as the language server holds a workspace): a SourceFs without disk access. */
export function memoryFs(root: string): SourceFs {
  const files = new Map<string, string>();
  const dirs = new Map<string, string[]>();
  const walk = (rel: string): void => {
    const names = readdirSync(join(root, rel), { withFileTypes: true });
    dirs.set(
      rel,
      names.map((n) => n.name),
    );
    for (const n of names) {
      const p = rel === '' ? n.name : `${rel}/${n.name}`;
      if (n.isDirectory()) walk(p);
      else if (n.isFile() && /\.(ya?ml|json|conf|sh|env|txt|properties|sql)$|^Kustomization$|^\.env/.test(n.name))
        files.set(p, readFileSync(join(root, p), 'utf8'));
      else if (n.isFile()) files.set(p, readFileSync(join(root, p), 'utf8'));
    }
  };
  walk('');
  return { read: (p) => files.get(p), list: (p) => dirs.get(p), isDir: (p) => dirs.has(p) };
}
