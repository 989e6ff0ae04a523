/**
 * rules.md: two different pod templates (any namespaces: a host port belongs to the node)
 * declare the same hostPort+protocol on overlapping hostIPs, so a Pod of each cannot run
 * on one node (warning); one template declaring it twice is an error. A hostNetwork Pod's
 * container ports are host ports too (the API defaults hostPort to containerPort).
 */
import { describeHostPort, describeWorkload, hostIPsOverlap, sameObject } from '../links/services';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'host-port-conflict',
    severity: 'warning',
    description: 'Two Pod templates declare the same hostPort and protocol on overlapping host IPs (error within one template).',
    severityNote: 'warning across two Pod templates; error when one Pod template declares the port twice',
  },
  check(r, ctx) {
    const pt = r.podTemplate;
    if (!pt) return;
    for (const c of pt.containers) {
      for (const cp of c.ports) {
        const h = cp.hostPort?.value;
        if (h === undefined || h === 0) continue;
        const clashes = [...ctx.lookup.get('hostport', `${h}/${cp.protocol}`)].filter(
          // The same workload written twice (per-environment copies) never runs twice.
          (u) => u.port !== cp && hostIPsOverlap(u.port.hostIP, cp.hostIP) && !sameObject(u.template.owner, r),
        );
        if (clashes.length === 0) continue;
        const own = clashes.filter((u) => u.template === pt);
        const foreign = clashes.filter((u) => u.template !== pt);
        const at = cp.hostIP ? ` on ${cp.hostIP}` : '';
        const port = `${cp.hostPortImplied ? 'hostNetwork port' : 'hostPort'} ${h}/${cp.protocol}${at}`;
        const first = foreign[0]?.template.owner;
        const lead =
          own.length > 0
            ? `${port} is declared ${own.length + 1} times in this Pod template: keep one.`
            : `${port} is also used by ${foreign.length === 1 && first ? `${first.kind} ${first.name}` : `${new Set(foreign.map((u) => u.template.owner)).size} other workloads`}: use another port.`;
        const parts: string[] = [];
        if (own.length > 0)
          parts.push(
            `this Pod template declares hostPort ${h}/${cp.protocol}${at} ${own.length + 1} times (${[...new Set([c, ...own.map((u) => u.port.container)].map((x) => `container ${x.name || '(unnamed)'}`))].join(', ')}); the API rejects duplicates and no Pod could bind them all`,
          );
        if (foreign.length > 0) {
          const who = [...new Set(foreign.map((u) => describeWorkload(u.template.owner, true)))];
          parts.push(
            `${who.join(', ')} also ${who.length > 1 ? 'use' : 'uses'} hostPort ${h}/${cp.protocol}${at}: a Pod of each cannot run on the same node`,
          );
        }
        ctx.report({
          severity: own.length > 0 ? 'error' : 'warning',
          message: `${lead} ${cp.hostPortImplied ? describeHostPort(cp) : `hostPort ${h}`}: ${parts.join('; and ')}.`,
          span: cp.hostPort!.span,
          related: clashes.map((u) => ({
            file: u.template.owner.file,
            span: u.port.hostPort?.span ?? u.port.span,
            message: `${u.port.hostPortImplied ? 'hostNetwork containerPort' : 'hostPort'} ${h}/${u.port.protocol}${u.port.hostIP ? ` on ${u.port.hostIP}` : ''} in ${describeWorkload(u.template.owner, true)}, container ${u.port.container.name || '(unnamed)'}`,
          })),
        });
      }
    }
  },
};
