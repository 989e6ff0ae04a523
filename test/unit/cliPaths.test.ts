/**
 * How the CLI names files (cli-and-protocol.md: "paths relative to the current folder"):
 * below the current folder as `dir/file.yaml`, beside or above it with `../`, in the
 * json report as in the text lines.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { allDiagnostics, formatJson } from '../../server/src/cli/report';
import { loadWorkspace } from '../../server/src/node/loadWorkspace';

const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8081}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers: [{name: c, image: c, ports: [{containerPort: 8080}]}]
`;

describe('CLI file names', () => {
  const root = mkdtempSync(join(tmpdir(), 'podpath-paths-'));
  mkdirSync(join(root, 'ws', 'apps'), { recursive: true });
  mkdirSync(join(root, 'elsewhere', 'deeper'), { recursive: true });
  writeFileSync(join(root, 'ws', 'apps', 'web.yaml'), svc);
  after(() => rmSync(root, { recursive: true, force: true }));

  const fileOf = async (cwd: string, path: string): Promise<string> => {
    const { index } = await loadWorkspace([path], { rules: {}, exclude: [] }, cwd);
    const report = JSON.parse(formatJson(allDiagnostics(index, {}), 1, 2)) as { diagnostics: { file: string; rule: string }[] };
    assert.deepEqual(
      report.diagnostics.map((d) => d.rule),
      ['service-target-port-not-found'],
    );
    return report.diagnostics[0]!.file;
  };

  it('below the current folder: relative, with forward slashes', async () => {
    assert.equal(await fileOf(root, 'ws'), 'ws/apps/web.yaml');
    assert.equal(await fileOf(join(root, 'ws'), '.'), 'apps/web.yaml');
  });

  it('beside or above the current folder: relative with ../, never absolute', async () => {
    assert.equal(await fileOf(join(root, 'elsewhere'), join(root, 'ws')), '../ws/apps/web.yaml');
    assert.equal(await fileOf(join(root, 'elsewhere', 'deeper'), '../../ws'), '../../ws/apps/web.yaml');
  });
});
