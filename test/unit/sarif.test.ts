/**
 * `podpath check --format sarif` as GitHub code scanning reads it. No schema can be fetched
 * offline, so the properties GitHub's upload requires or uses are asserted by hand: one run,
 * a driver with name/version/rules, rules with ids and help URIs, results with a ruleId that
 * is in the rules, a level, a message, a physical location (relative URI + uriBaseId,
 * 1-based region), and partialFingerprints that stay put when lines move.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allDiagnostics } from '../../server/src/cli/report';
import { formatSarif } from '../../server/src/cli/sarif';
import { ruleIds } from '../../server/src/core/rules';
import { indexOf } from './helpers';

const root = join(__dirname, '..', '..');

const deployment = (name: string, port: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: example/${name}:1
          ports:
            - name: ${port}
              containerPort: 8080${extra}
`;
const service = (name: string, targetPort: string, nodePort: number) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: NodePort
  selector:
    app: ${name}
  ports:
    - name: http
      port: 80
      targetPort: ${targetPort}
      nodePort: ${nodePort}
`;

const files = {
  'apps/web.yaml': `${deployment('web', 'http', '\n              hostPort: 8080')}---\n${service('web', 'web-http', 30080)}`,
  'my apps/api.yaml': `${deployment('api', 'http')}---\n${service('api', 'http', 30080)}`,
};

interface Sarif {
  version: string;
  $schema: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: Array<{
          id: string;
          shortDescription: { text: string };
          helpUri: string;
          help: { text: string };
          defaultConfiguration: { level: string };
        }>;
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: Array<{
      ruleId: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: Array<{
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }>;
      partialFingerprints: Record<string, string>;
    }>;
  }>;
}

function sarifOf(f: Record<string, string>): Sarif {
  return JSON.parse(formatSarif(allDiagnostics(indexOf(f), {}), '0.1.0', 'file:///repo')) as Sarif;
}

/** The text a SARIF region covers (1-based lines, 1-based exclusive end column). */
function regionText(text: string, r: { startLine: number; startColumn: number; endLine: number; endColumn: number }): string {
  const lines = text.split('\n');
  if (r.startLine === r.endLine) return (lines[r.startLine - 1] ?? '').slice(r.startColumn - 1, r.endColumn - 1);
  return [
    (lines[r.startLine - 1] ?? '').slice(r.startColumn - 1),
    ...lines.slice(r.startLine, r.endLine - 1),
    (lines[r.endLine - 1] ?? '').slice(0, r.endColumn - 1),
  ].join('\n');
}

const byRule = (s: Sarif, rule: string) => s.runs[0]!.results.filter((r) => r.ruleId === rule);

describe('SARIF output for GitHub code scanning', () => {
  const sarif = sarifOf(files);
  const run = sarif.runs[0]!;

  it('is SARIF 2.1.0 with one run and a driver naming podpath and its version', () => {
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    assert.equal(run.tool.driver.name, 'podpath');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.match(run.tool.driver.semanticVersion, /^\d+\.\d+\.\d+/);
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
  });

  it('lists every rule once, each with a short description, a default level and a help URI to its page', () => {
    const rules = run.tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.id),
      [...ruleIds],
    );
    for (const r of rules) {
      assert.ok(r.shortDescription.text.length > 0 && r.shortDescription.text.length <= 1024, r.id);
      assert.ok(r.help.text.length > 0, r.id);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
      assert.equal(r.helpUri, `https://github.com/podpath/podpath/blob/main/docs/rules/${r.id}.md`);
      assert.ok(existsSync(join(root, 'docs', 'rules', `${r.id}.md`)), `helpUri of ${r.id} points at a page that does not exist`);
    }
  });

  it('locates every result by relative URI and a 1-based region covering the offending value', () => {
    assert.ok(run.results.length >= 4, `expected findings, got ${run.results.map((r) => r.ruleId).join(', ')}`);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
    for (const r of run.results) {
      assert.equal(run.tool.driver.rules[r.ruleIndex!]?.id, r.ruleId, "ruleIndex points at the result's rule");
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(r.message.text.length > 0);
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(artifactLocation.uri, /^([a-z]+:|\/)/, 'the URI is relative');
      assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= region.startLine);
      assert.ok(Object.values(r.partialFingerprints).every((f) => /^[0-9a-f]{32}$/.test(f)));
    }
    const [target] = byRule(sarif, 'service-target-port-not-found');
    const loc = target!.locations[0]!.physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'apps/web.yaml');
    assert.equal(regionText(files['apps/web.yaml'], loc.region), 'web-http');
    assert.ok(
      run.results.some((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'my%20apps/api.yaml'),
      'a space is percent-encoded',
    );
  });

  it('maps severities onto SARIF levels: error, warning, and info as note', () => {
    assert.equal(byRule(sarif, 'service-target-port-not-found')[0]?.level, 'error');
    assert.equal(byRule(sarif, 'host-port-scheduling')[0]?.level, 'note');
  });

  it('gives distinct findings distinct fingerprints', () => {
    const prints = run.results.map((r) => r.partialFingerprints['podpath/v1']);
    assert.equal(new Set(prints).size, prints.length);
  });

  it('keeps fingerprints when lines move above a finding or another file changes its message', () => {
    const moved = sarifOf({
      ...files,
      'apps/web.yaml': `# The web tier.\n# Owned by the storefront team.\n${files['apps/web.yaml']}`,
      // A third user of 30081 changes the node-port-conflict message ("… 30082 is free"), not its identity.
      'other.yaml': service('other', '8080', 30081),
    });
    const key = (s: Sarif, rule: string, uri: string) =>
      byRule(s, rule).find((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === uri);
    for (const [rule, uri] of [
      ['service-target-port-not-found', 'apps/web.yaml'],
      ['node-port-conflict', 'apps/web.yaml'],
      ['node-port-conflict', 'my%20apps/api.yaml'],
    ] as const) {
      const before = key(sarif, rule, uri);
      const after = key(moved, rule, uri);
      assert.ok(before && after, `${rule} in ${uri} before and after`);
      assert.equal(after.partialFingerprints['podpath/v1'], before.partialFingerprints['podpath/v1'], `${rule} in ${uri}`);
      if (uri === 'apps/web.yaml')
        assert.equal(after.locations[0]!.physicalLocation.region.startLine, before.locations[0]!.physicalLocation.region.startLine + 2);
    }
    const conflict = key(moved, 'node-port-conflict', 'apps/web.yaml')!;
    assert.notEqual(conflict.message.text, key(sarif, 'node-port-conflict', 'apps/web.yaml')!.message.text, 'the test changes the message');
  });
});
