/**
 * Findings whose size is bounded whatever the workspace (issue 16): a Service over hundreds
 * of Deployments keeps 10 related places and names five of them, its report entry stays
 * small, and Services over the same Pods are judged alike. Counted, never timed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatJson, allDiagnostics } from '../../server/src/cli/report';
import { maxRelated } from '../../server/src/core/model/finding';
import { check, deploymentYaml, indexOf } from './helpers';

const deployments = (n: number): string =>
  Array.from({ length: n }, (_, i) => deploymentYaml(`d${i}`).replace(/app: d\d+/g, 'app: all')).join('---\n');
const service = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: all\n  ports:\n    - port: 80\n      targetPort: nope\n`;

describe('bounded findings', () => {
  it('a Service over 300 Deployments keeps 10 related places, the last saying how many more, and names five', () => {
    const [f, ...rest] = check({ 'd.yaml': deployments(300), 's.yaml': service('web') }, 'service-target-port-not-found');
    assert.equal(rest.length, 0);
    const d = f!.diagnostic;
    // Up to 7 workloads lacking the port (3 places are kept for those that have it; none here).
    assert.equal(d.related.length, maxRelated - 3);
    assert.equal(d.related[maxRelated - 4]!.message, '… and 294 more');
    assert.match(
      f!.message,
      /^No selected Pod declares port "nope": use a port they declare\. For Service web, targetPort "nope" is not a port of the Pods it selects: Deployment d0 declares .*; Deployment d4 declares [^;]* and 295 more\.$/,
    );
    assert.ok(f!.message.length < 400, `${f!.message.length} characters`);
    assert.equal(d.fixes.filter((x) => x.title.startsWith('Add containerPort')).length, 0, 'no fix editing 300 workloads');
  });

  it('1,000 Services over the same 200 Deployments: each finding the same size as one alone', () => {
    const one = allDiagnostics(indexOf({ 'd.yaml': deployments(200), 's.yaml': service('s0') }), {});
    const files: Record<string, string> = { 'd.yaml': deployments(200) };
    for (let i = 0; i < 1000; i++) files[`s${i}.yaml`] = service(`s${i}`);
    const all = allDiagnostics(indexOf(files), {}).filter((d) => d.rule === 'service-target-port-not-found');
    assert.equal(all.length, 1000);
    const size = (ds: typeof one): number => formatJson(ds, 1, 1).length;
    assert.ok(size(all) < size(one) * 1000 * 1.05, `${size(all)} characters for 1,000 against ${size(one)} for one`);
    assert.ok(all.every((d) => d.related.length <= maxRelated));
  });
});
