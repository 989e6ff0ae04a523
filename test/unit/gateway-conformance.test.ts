/**
 * The Gateway API conformance suite's expectations that follow from manifests alone (route
 * Accepted / ResolvedRefs and their reasons, listener conditions, attached-route counts),
 * extracted into test/fixtures/gateway-conformance/ by scripts/gateway-conformance.mjs, and
 * podpath's verdict on each. Every disagreement is explained in
 * test/fixtures/gateway-conformance-review.md; a new one (or an explained one that no longer
 * disagrees) fails this test.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attach, routesOfListener } from '../../server/src/core/links/gateways';
import { listenerProblems, type ListenerProblem } from '../../server/src/core/links/listeners';
import { routeRefsResolved } from '../../server/src/core/links/routes';
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import type { Resource } from '../../server/src/core/model/resource';
import { indexOf } from './helpers';

const dir = join(__dirname, '..', 'fixtures', 'gateway-conformance');
const review = readFileSync(join(__dirname, '..', 'fixtures', 'gateway-conformance-review.md'), 'utf8');

interface NN {
  name: string;
  namespace: string;
  kind?: string;
  listeners?: string[];
}
interface Assertion {
  assert:
    'routeAccepted' | 'listenersReady' | 'routeCondition' | 'routeNotAccepted' | 'zeroRoutes' | 'attachedRoutes' | 'listenerCondition';
  routeKind?: string;
  route?: NN;
  parent: NN;
  listener?: string;
  count?: number;
  type?: string;
  status?: string;
  reason?: string;
}
interface Case {
  test: string;
  manifests: string[];
  assertions: Assertion[];
}

const cases: Case[] = JSON.parse(readFileSync(join(dir, 'expectations.json'), 'utf8'));
const base = readFileSync(join(dir, 'base.yaml'), 'utf8');

function find(index: WorkspaceIndex, kind: string, nn: NN): Resource | undefined {
  for (const r of index.resources())
    if ((r.kind === kind || (kind === 'ListenerSet' && r.kind === 'XListenerSet')) && r.name === nn.name && r.namespace === nn.namespace)
      return r;
  return undefined;
}

/** The verdicts of a route's parentRefs that name `parent`. */
function verdicts(index: WorkspaceIndex, route: Resource, parent: NN) {
  const lookup = index.lookup();
  return (route.route?.parentRefs ?? [])
    .filter(
      (p) =>
        p.name === parent.name &&
        (p.namespace ?? route.namespace) === parent.namespace &&
        (parent.kind === undefined || p.kind === parent.kind),
    )
    .map((p) => attach(lookup, route, p));
}

function listenersOf(index: WorkspaceIndex, parent: NN) {
  const owner = find(index, parent.kind ?? 'Gateway', parent);
  return owner?.gateway ? owner.gateway.listeners.map((l) => ({ owner, l })) : [];
}

/** A listener's condition, as podpath sees it: [status, reason]. */
function listenerCondition(problems: readonly ListenerProblem[], type: string): [string, string | undefined] {
  const conflict = problems.find((p) => p.reason === 'HostnameConflict' || p.reason === 'ProtocolConflict');
  const refs = problems.find(
    (p) => p.reason === 'RefNotPermitted' || p.reason === 'InvalidCertificateRef' || p.reason === 'InvalidRouteKinds',
  );
  switch (type) {
    case 'Conflicted':
      return conflict ? ['True', conflict.reason] : ['False', undefined];
    case 'Accepted':
      return conflict ? ['False', conflict.reason] : ['True', undefined];
    case 'ResolvedRefs':
      return refs ? ['False', refs.reason] : ['True', undefined];
    case 'Programmed':
      return conflict || refs ? ['False', (conflict ?? refs)!.reason] : ['True', undefined];
    default:
      return ['?', undefined];
  }
}

/** Whether podpath agrees with one assertion. */
function agrees(index: WorkspaceIndex, a: Assertion): boolean {
  const lookup = index.lookup();
  switch (a.assert) {
    case 'routeAccepted': {
      const route = find(index, a.routeKind!, a.route!);
      return !!route && verdicts(index, route, a.parent).some((v) => v.state === 'accepted');
    }
    case 'routeNotAccepted': {
      const route = find(index, a.routeKind!, a.route!);
      return !!route && route.route!.parentRefs.every((p) => attach(lookup, route, p).state !== 'accepted');
    }
    case 'routeCondition': {
      const route = find(index, a.routeKind!, a.route!);
      if (!route) return false;
      if (a.type === 'ResolvedRefs') {
        const r = routeRefsResolved(lookup, route);
        return a.status === 'True' ? r.resolved : !r.resolved && (!a.reason || r.reason === a.reason);
      }
      const vs = verdicts(index, route, a.parent);
      if (a.status === 'True') return vs.some((v) => v.state === 'accepted');
      return vs.length > 0 && vs.every((v) => v.state === 'rejected' && (!a.reason || v.reason === a.reason));
    }
    case 'zeroRoutes':
      return listenersOf(index, a.parent).every(({ owner, l }) => routesOfListener(lookup, owner, l).length === 0);
    case 'attachedRoutes': {
      const x = listenersOf(index, a.parent).find(({ l }) => l.name.value === a.listener);
      return !!x && routesOfListener(lookup, x.owner, x.l).length === a.count;
    }
    case 'listenersReady':
      return listenersOf(index, a.parent).every(({ owner, l }) => listenerProblems(lookup, owner, l).length === 0);
    case 'listenerCondition': {
      const ls = listenersOf(index, a.parent).filter(({ l }) => a.listener === '*' || l.name.value === a.listener);
      return (
        ls.length > 0 &&
        ls.every(({ owner, l }) => {
          const [status, reason] = listenerCondition(listenerProblems(lookup, owner, l), a.type!);
          return status === a.status && (!a.reason || a.status === 'True' || reason === a.reason);
        })
      );
    }
  }
}

/** A stable name for an assertion, as the review file lists disagreements. */
function keyOf(test: string, a: Assertion): string {
  const p = a.parent ? `${a.parent.kind ?? 'parent'} ${a.parent.name}` : '';
  const what =
    a.assert === 'listenerCondition'
      ? `${p}/${a.listener} ${a.type}=${a.status}${a.reason ? ` ${a.reason}` : ''}`
      : a.assert === 'attachedRoutes'
        ? `${p}/${a.listener} attachedRoutes=${a.count}`
        : a.assert === 'routeCondition'
          ? `${a.routeKind} ${a.route!.name} on ${p} ${a.type}=${a.status}${a.reason ? ` ${a.reason}` : ''}`
          : a.assert === 'routeAccepted'
            ? `${a.routeKind} ${a.route!.name} accepted by ${p}`
            : a.assert === 'routeNotAccepted'
              ? `${a.routeKind} ${a.route!.name} accepted by no parent`
              : `${p} ${a.assert}`;
  return `${test}: ${what}`;
}

describe('Gateway API conformance (manifest-decidable expectations)', () => {
  it('agrees with every expectation except those explained in the review file', () => {
    const explained = new Set([...review.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!));
    const disagreements: string[] = [];
    let total = 0;
    for (const c of cases) {
      const files: Record<string, string> = { 'base.yaml': base };
      for (const m of c.manifests) files[m] = readFileSync(join(dir, 'tests', m), 'utf8');
      const index = indexOf(files);
      const seen = new Set<string>();
      for (const a of c.assertions) {
        const key = keyOf(c.test, a);
        if (seen.has(key)) continue;
        seen.add(key);
        total++;
        if (!agrees(index, a)) disagreements.push(key);
      }
    }
    const agreed = total - disagreements.length;
    console.log(`gateway conformance: ${agreed}/${total} assertions agree (${((100 * agreed) / total).toFixed(1)}%)`);
    if (process.env.SHOW) console.log(disagreements.join('\n'));
    const unexplained = disagreements.filter((d) => !explained.has(d));
    const stale = [...explained].filter((d) => !disagreements.includes(d));
    assert.deepEqual(unexplained, [], 'new disagreements: explain them in test/fixtures/gateway-conformance-review.md or fix them');
    assert.deepEqual(stale, [], 'explained disagreements that now agree: remove them from the review file');
    assert.ok(agreed / total >= 0.95, `${agreed}/${total} is under 95%`);
  });
});
