/**
 * Makes test/fixtures/kustomize-corpus from the full corpus (not run by the tests, which
 * must not read ../shared): for a few representative folders, exactly the files their build
 * reads, their goldens, and each tree's license. Usage:
 *   node --import tsx test/kustomize/trim-corpus.ts /work/shared/corpus/kustomize
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildKustomization } from '../../server/src/core/sources/kustomize/build';
import { diskSourceFs } from '../../server/src/node/sourceFs';

export const sample: Record<string, string[]> = {
  stefanprodan__podinfo: ['kustomize', 'deploy/bases/cache', 'deploy/overlays/dev'],
  'kubernetes-sigs__metrics-server': [
    'manifests/overlays/release-ha-1.21+',
    'manifests/overlays/test',
    'manifests/components/high-availability',
  ],
  'GoogleCloudPlatform__microservices-demo': [
    'kustomize/base',
    'kustomize/tests/service-mesh-istio-with-all-components',
    'kustomize/components/non-public-frontend',
  ],
  'GoogleCloudPlatform__bank-of-anthos': [
    'src/accounts/accounts-db/k8s/overlays/development',
    'iac/acm-multienv-cicd-anthos-autopilot/overlays/development',
  ],
  'fluxcd__flux2-kustomize-helm-example': ['clusters/production/flux-system', 'apps/staging', 'infrastructure/controllers'],
};

const from = process.argv[2] ?? '/work/shared/corpus/kustomize';
const to = join(__dirname, '..', 'fixtures', 'kustomize-corpus');
rmSync(to, { recursive: true, force: true });
for (const [tree, folders] of Object.entries(sample)) {
  const src = join(from, 'trees', tree);
  const files = new Set<string>(['LICENSE']);
  for (const f of folders) {
    for (const p of buildKustomization(diskSourceFs(src), f).inputs) files.add(p);
    for (const ext of ['.yaml', '.fails.txt']) {
      const g = join(from, 'golden', tree, f + ext);
      if (existsSync(g)) {
        mkdirSync(dirname(join(to, 'golden', tree, f + ext)), { recursive: true });
        copyFileSync(g, join(to, 'golden', tree, f + ext));
      }
    }
  }
  for (const p of files) {
    const a = join(src, p);
    if (!existsSync(a) || !diskSourceFs(src).read(p)) continue;
    mkdirSync(dirname(join(to, 'trees', tree, p)), { recursive: true });
    copyFileSync(a, join(to, 'trees', tree, p));
  }
}
writeFileSync(
  join(to, 'SOURCES.json'),
  JSON.stringify(
    { from: 'the kustomize corpus of ../shared/corpus/kustomize (see its SOURCES.json for repositories, commits and licenses)', sample },
    null,
    2,
  ) + '\n',
);
