/**
 * rules.md: a hostPort in a Deployment/ReplicaSet/ReplicationController/StatefulSet with
 * replicas > 1 (or any container port of a hostNetwork Pod, which is a host port): only one of
 * its Pods fits on a node, the rest stay Pending on small clusters.
 */
import { describeHostPort } from '../links/services';
import { getScalar } from '../model/ytree';
import type { Rule } from './rule';

const replicatedKinds = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

export const rule: Rule = {
  meta: {
    id: 'host-port-scheduling',
    severity: 'info',
    description: 'A replicated workload (replicas > 1) uses a hostPort: at most one of its Pods fits on a node.',
  },
  check(r, ctx) {
    const pt = r.podTemplate;
    const n = pt?.replicas;
    if (!pt || !replicatedKinds.has(r.kind) || n === undefined || n <= 1) return;
    const replicas = getScalar(r.root, 'spec', 'replicas');
    for (const c of pt.containers) {
      for (const cp of c.ports) {
        const h = cp.hostPort?.value;
        if (h === undefined || h === 0) continue;
        ctx.report({
          severity: 'info',
          message: `${cp.hostPortImplied ? 'hostNetwork port' : 'hostPort'} ${h} fits one Pod per node, but replicas is ${n}: prefer a NodePort Service. ${describeHostPort(cp)} in ${r.kind} ${r.name} with replicas: ${n}: at most one of its Pods fits on a node, so on a cluster with fewer than ${n} nodes the rest stay Pending.`,
          span: cp.hostPort!.span,
          related: replicas ? [{ file: r.file, span: replicas.span, message: `replicas: ${n}` }] : [],
        });
      }
    }
  },
};
