/**
 * What `helm template` prints from rendered templates (releaseutil.SortManifests and
 * cmd/helm/template.go): documents split at `---`, partials, NOTES.txt and empty files left
 * out, hooks (helm.sh/hook) after the manifests, manifests in kind install order (stable,
 * by file path then position), each as "---\n# Source: <template>\n<document>".
 */
import { parseDocument } from 'yaml';
import type { HelmFinding } from './chart';

export const installOrder = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];
const orderIndex = new Map(installOrder.map((k, i) => [k, i]));

export interface ManifestDoc {
  template: string;
  /** The document text as helm prints it (trimmed). */
  text: string;
  /** Offset of `text` in the template's rendered output. */
  offset: number;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  hook: string | null;
  hookWeight: number;
}

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * releaseutil.SplitManifests (Go regexp `(?:^|\s*\n)---\s*` over the trimmed text), keeping
 * each document's offset; a linear scan instead of the regexp.
 */
export function splitManifests(text: string): { text: string; offset: number }[] {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  const out: { text: string; offset: number }[] = [];
  const push = (a: number, b: number): void => {
    const raw = body.slice(a, b);
    const d = raw.trim();
    if (d) out.push({ text: d, offset: lead + a + (raw.length - raw.trimStart().length) });
  };
  let last = 0;
  let i = body.startsWith('---') ? 0 : body.indexOf('\n---');
  while (i !== -1) {
    let start: number;
    let dash: number;
    if (i === 0 && body.startsWith('---') && last === 0) {
      start = 0;
      dash = 0;
    } else {
      dash = i + 1;
      start = i;
      while (start > last && isWs(body[start - 1])) start--;
    }
    let end = dash + 3;
    while (end < body.length && isWs(body[end])) end++;
    push(last, start);
    last = end;
    // The next separator's newline must lie after what this one consumed (Go's regexp does not overlap).
    i = body.indexOf('\n---', end);
  }
  push(last, body.length);
  return out;
}

/** The head fields Helm reads, from the document's top-level lines; null when the shape needs a real parse. */
function quickHead(text: string): Record<string, any> | null {
  const top: Record<string, any> = {};
  const meta: Record<string, any> = {};
  const ann: Record<string, string> = {};
  let section = '';
  let sub = '';
  const unq = (v: string): string | null => {
    v = v.replace(/\s+#.*$/, '').trim();
    if (/^'(?:[^']|'')*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
    if (/^"(?:[^"\\]|\\.)*"$/.test(v)) {
      try {
        return JSON.parse(v);
      } catch {
        return null;
      }
    }
    if (/^[&*!|>{[@`%]/.test(v)) return null;
    return v;
  };
  for (const line of text.split('\n')) {
    if (line === '' || /^\s*#/.test(line) || /^\s*$/.test(line)) continue;
    const m = /^( *)([^\s:#'"][^:#]*?|'[^']*'|"[^"]*"):(?:\s+(.*))?$/.exec(line);
    const indent = m ? m[1]!.length : line.length - line.trimStart().length;
    if (indent === 0) {
      if (!m) return null;
      section = m[2]!;
      if (section === 'apiVersion' || section === 'kind') {
        const v = unq(m[3] ?? '');
        if (v === null) return null;
        top[section] = v;
      } else if (section === 'metadata' && (m[3] ?? '').trim() && !(m[3] ?? '').trim().startsWith('#')) return null;
      continue;
    }
    if (section !== 'metadata' || !m) continue;
    const key = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
    if (indent === 2) {
      sub = key;
      if (key === 'name' || key === 'namespace') {
        const v = unq(m[3] ?? '');
        if (v === null) return null;
        meta[key] = v;
      } else if (key === 'annotations' && (m[3] ?? '').trim() && !(m[3] ?? '').trim().startsWith('#')) return null;
    } else if (sub === 'annotations' && indent === 4 && (key === 'helm.sh/hook' || key === 'helm.sh/hook-weight')) {
      const v = unq(m[3] ?? '');
      if (v === null) return null;
      ann[key] = v;
    }
  }
  meta['annotations'] = ann;
  top['metadata'] = meta;
  return top;
}

function head(
  text: string,
  template: string,
  findings: HelmFinding[],
): Pick<ManifestDoc, 'apiVersion' | 'kind' | 'name' | 'namespace' | 'hook' | 'hookWeight'> | null {
  let v = quickHead(text);
  if (!v) {
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
    if (doc.errors.length) {
      findings.push({ kind: 'yaml', message: `YAML parse error on ${template}: ${doc.errors[0]!.message.split('\n')[0]}`, path: template });
      return null;
    }
    v = doc.toJS() as Record<string, any> | null;
  }
  const meta = (v && typeof v === 'object' && v['metadata']) || {};
  const ann = (meta && typeof meta === 'object' && meta['annotations']) || {};
  const hook = typeof ann['helm.sh/hook'] === 'string' ? ann['helm.sh/hook'] : null;
  return {
    apiVersion: String(v?.['apiVersion'] ?? ''),
    kind: String(v?.['kind'] ?? ''),
    name: String(meta['name'] ?? ''),
    namespace: String(meta['namespace'] ?? ''),
    hook,
    hookWeight: Number(ann['helm.sh/hook-weight'] ?? 0) || 0,
  };
}

/** Rendered templates (name → text) to the documents helm prints, in helm's order. */
export function sortManifests(rendered: Map<string, string>, findings: HelmFinding[]): { manifests: ManifestDoc[]; hooks: ManifestDoc[] } {
  const manifests: ManifestDoc[] = [];
  const hooks: ManifestDoc[] = [];
  for (const path of [...rendered.keys()].sort()) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base.startsWith('_') || path.endsWith('NOTES.txt')) continue;
    const text = rendered.get(path)!;
    if (text.trim() === '') continue;
    for (const d of splitManifests(text)) {
      const h = head(d.text, path, findings);
      if (!h) continue;
      const doc: ManifestDoc = { template: path, text: d.text, offset: d.offset, ...h };
      (h.hook ? hooks : manifests).push(doc);
    }
  }
  const known = (k: string): number | undefined => orderIndex.get(k);
  const byKind = (a: ManifestDoc, b: ManifestDoc): number => {
    const ia = known(a.kind);
    const ib = known(b.kind);
    if (ia === undefined && ib === undefined) return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
    if (ia === undefined) return 1;
    if (ib === undefined) return -1;
    return ia - ib;
  };
  // Both lists by kind (sortManifestsByKind, sortHooksByKind), stable: file order within a kind.
  manifests.sort(byKind);
  hooks.sort(byKind);
  return { manifests, hooks };
}

/** The text `helm template` writes. */
export function manifestText(manifests: ManifestDoc[], hooks: ManifestDoc[]): string {
  const body = manifests.map((m) => `---\n# Source: ${m.template}\n${m.text}\n`).join('');
  let out = body.trim() + '\n';
  for (const h of hooks) out += `---\n# Source: ${h.template}\n${h.text}\n`;
  return out;
}
