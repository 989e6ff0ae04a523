/**
 * The CLI's terminal formats (cli-and-protocol.md: one line per finding, an indented tree):
 * hostile names from the YAML — an ESC sequence, a newline — reach the terminal as visible
 * escapes, never as control characters, and never split a finding's line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allDiagnostics, formatText } from '../../server/src/cli/report';
import { formatTraceText } from '../../server/src/cli/traceText';
import { buildTrafficGraph } from '../../server/src/core/features/trafficPath';
import { indexOf } from './helpers';

const hostile = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: "x\\e[2J\\e]0;owned\\anext\\nline"}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: y}
spec:
  containers: [{name: c, image: c}]
`;

describe('terminal output', () => {
  const index = indexOf({ 'a.yaml': hostile });
  it('check --format text: control characters are escaped and each finding stays on one line', () => {
    const ds = allDiagnostics(index, {});
    assert.equal(ds.length, 1);
    const text = formatText(ds, 1, 2, false);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const [line, summary, end] = text.split('\n');
    assert.match(line!, /^a\.yaml:6:\d+  warning  .*x\\x1b\[2J\\x1b\]0;owned\\x07next\\nline.*  \[service-selector-no-match\]$/);
    assert.match(summary!, /^0 errors, 1 warning, 0 infos in 1 file \(2 resources\)$/);
    assert.equal(end, '');
  });
  it('trace --format text: the same for labels and reasons', () => {
    const text = formatTraceText(buildTrafficGraph(index, { namespace: 'default', name: 'web' })!);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(text, /No Pod template matches app=x\\x1b\[2J/);
  });
});
