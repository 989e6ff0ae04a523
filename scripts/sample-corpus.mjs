// Rebuilds the trimmed corpus sample under test/corpus/ from the full corpus (the `corpus/`
// folder shared by the podpath projects: real/ and peer-fixtures/). Run it only when the sample
// should change; tests never need the full corpus (PODPATH_CORPUS chooses it for an extended run).
//
// Usage: node scripts/sample-corpus.mjs <full corpus dir>   (the folder holding real/, peer-fixtures/)
//
// real/: every project, files copied verbatim (line numbers of findings stay those of the
// original), minus files above 20 KB (most of them CustomResourceDefinitions, 77% of the bytes),
// except those up to 60 KB without CRDs that declare Services or workloads (other files link to
// them: without them the sample would report findings the full corpus does not have); of
// GoogleCloudPlatform__kubernetes-engine-samples (650 files) only the folders below.
// peer-fixtures/: only the fixture files the peer tests read.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const from = process.argv[2];
if (!from) {
  console.error('usage: node scripts/sample-corpus.mjs <full corpus dir>');
  process.exit(2);
}
const to = join(import.meta.dirname, '..', 'test', 'corpus');
const MAX_BYTES = 20_000;
const MAX_LINKED_BYTES = 60_000;
const LINKED_KINDS = /^kind:\s*(Service|Deployment|StatefulSet|DaemonSet|ReplicaSet|Pod|Job|CronJob)\s*$/m;
// NetworkPolicies whose Pods the full corpus declares only in the all-in-one installs (100-150 KB).
const LEFT_OUT = new Set([
  'argoproj__argo-cd/manifests/ha/base/redis-ha/argocd-redis-ha-proxy-network-policy.yaml',
  'argoproj__argo-cd/manifests/ha/base/redis-ha/argocd-redis-ha-server-network-policy.yaml',
]);
const ENGINE_SAMPLES = ['ai-ml/gke-model-armor/', 'cost-optimization/gke-shift-left-cost/', 'networking/', 'quickstarts/'];

function filesBelow(dir) {
  const out = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesBelow(p));
    else out.push(p);
  }
  return out;
}

function keepReal(project, rel, text) {
  if (LEFT_OUT.has(`${project}/${rel}`)) return false;
  const linked = text.length <= MAX_LINKED_BYTES && LINKED_KINDS.test(text) && !/^kind:\s*CustomResourceDefinition\s*$/m.test(text);
  if (text.length > MAX_BYTES && !linked) return false;
  if (project === 'GoogleCloudPlatform__kubernetes-engine-samples') return ENGINE_SAMPLES.some((p) => rel.startsWith(p));
  return true;
}

const peerFiles = JSON.parse(readFileSync(join(to, 'peer-fixtures', 'FILES.json'), 'utf8'));

rmSync(join(to, 'real'), { recursive: true, force: true });
let files = 0;
let bytes = 0;
const sources = JSON.parse(readFileSync(join(from, 'real', 'SOURCES.json'), 'utf8'));
for (const src of sources) {
  const root = join(from, 'real', src.slug);
  const kept = [];
  for (const path of filesBelow(root)) {
    const rel = relative(root, path);
    const text = readFileSync(path, 'utf8');
    if (!keepReal(src.slug, rel, text)) continue;
    mkdirSync(dirname(join(to, 'real', src.slug, rel)), { recursive: true });
    copyFileSync(path, join(to, 'real', src.slug, rel));
    kept.push(rel);
    files++;
    bytes += text.length;
  }
  src.files = src.files.filter((f) => kept.includes(f.rel));
  // A kustomization listing a file the sample leaves out would be a kustomize error the full
  // corpus does not have: the entry becomes a comment on the same line (line numbers stay).
  for (const rel of kept.filter((r) => /(^|\/)kustomization\.ya?ml$/.test(r))) {
    const at = join(to, 'real', src.slug, rel);
    const text = readFileSync(at, 'utf8').replace(/^(\s*)-\s+(\S+\.ya?ml)[ \t]*$/gm, (line, indent, file) =>
      kept.includes(join(dirname(rel), file)) ? line : `${indent}# - ${file} (not in this sample)`,
    );
    writeFileSync(at, text);
  }
}
const sourcesKept = sources.filter((s) => s.files.length);
writeFileSync(join(to, 'real', 'SOURCES.json'), JSON.stringify(sourcesKept, null, 1) + '\n');

rmSync(join(to, 'peer-fixtures'), { recursive: true, force: true });
mkdirSync(join(to, 'peer-fixtures'), { recursive: true });
writeFileSync(join(to, 'peer-fixtures', 'FILES.json'), JSON.stringify(peerFiles, null, 1) + '\n');
for (const rel of peerFiles) {
  mkdirSync(dirname(join(to, 'peer-fixtures', rel)), { recursive: true });
  copyFileSync(join(from, 'peer-fixtures', rel), join(to, 'peer-fixtures', rel));
  files++;
  bytes += statSync(join(from, 'peer-fixtures', rel)).size;
}
const peerSources = JSON.parse(readFileSync(join(from, 'peer-fixtures', 'SOURCES.json'), 'utf8'))
  .map((src) => ({ ...src, files: src.files.filter((f) => peerFiles.includes(`${src.slug}/${f.rel}`)) }))
  .filter((src) => src.files.length);
writeFileSync(join(to, 'peer-fixtures', 'SOURCES.json'), JSON.stringify(peerSources, null, 1) + '\n');
console.log(`test/corpus: ${files} files, ${(bytes / 1e6).toFixed(2)} MB`);
