/** rules.md: a Service port's targetPort exists in the selected Pods only with another protocol. */
import { describeContainerPort, describeTarget } from '../links/ports';
import { describeWorkload, groupCopies, isPlaceholder, portStatus, serviceBackends } from '../links/services';
import { containerPortMap, servicePortMap, setKey } from '../links/services-edits';
import type { Fix, TextEditSpec } from '../model/finding';
import { effectiveTargetPort } from '../model/resource';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'service-port-protocol-mismatch',
    severity: 'warning',
    description: 'A Service targetPort resolves only to container ports of another protocol, so its traffic does not arrive.',
  },
  check(r, ctx) {
    const backends = serviceBackends(ctx.lookup, r);
    if (backends.length === 0) return;
    r.service!.ports.forEach((port, i) => {
      const loc = effectiveTargetPort(port);
      const target = backends[0]!.ports[i]!.target;
      if (target === undefined || !loc) return;
      if (typeof target === 'string' && isPlaceholder(target)) return;
      // Copies of one workload count once: it matches when any copy declares the protocol.
      // Services over the same selection share this (backends are shared by selection and targets).
      const hits = ctx.lookup.once(backends, `protocol\0${i}`, (l) =>
        l
          .once(backends, 'groups', () => groupCopies(backends))
          .filter((g) => portStatus(l, g, i) === 'otherProtocol')
          .flat()
          .map((b) => ({ b, bp: b.ports[i]! }))
          .filter(({ bp }) => bp.otherProtocol.length > 0),
      );
      if (hits.length === 0) return;
      const others = hits.flatMap(({ b, bp }) => bp.otherProtocol.map((cp) => ({ cp, file: b.template.owner.file })));
      const protocols = [...new Set(others.map(({ cp }) => cp.protocol))];
      const where = [
        ...new Set(
          hits.map(
            ({ b, bp }) => `${describeWorkload(b.template.owner)} declares ${bp.otherProtocol.map(describeContainerPort).join(', ')}`,
          ),
        ),
      ].join('; ');
      const fixes: Fix[] = [];
      const map = servicePortMap(r, port);
      for (const proto of protocols) {
        const e = map && setKey(r.file, map, 'protocol', proto);
        if (e) fixes.push({ title: `Set Service port protocol to ${proto}`, edits: [e], preferred: protocols.length === 1 });
      }
      const edits: TextEditSpec[] = [];
      for (const { cp, file } of others) {
        const m = containerPortMap(cp);
        const e = m && setKey(file, m, 'protocol', port.protocol);
        if (e) edits.push(e);
      }
      if (edits.length > 0)
        fixes.push({
          title: `Set container port protocol to ${port.protocol}${edits.length > 1 ? ` (${edits.length} ports)` : ''}`,
          edits,
        });
      ctx.report({
        severity: 'warning',
        message: `Port ${port.port?.value ?? target} is ${port.protocol} here but ${protocols.join(' or ')} in the Pods: set the same protocol on both sides. Service ${r.name} port ${port.port?.value ?? target}/${port.protocol} targets ${describeTarget(target)}, but the selected Pods declare it only as ${protocols.join(' or ')}: ${where}.`,
        span: port.protocolSpan ?? loc.span,
        related: others.map(({ cp, file }) => ({
          file,
          span: cp.protocolSpan ?? cp.span,
          message: `${describeContainerPort(cp)} in container ${cp.container.name || '(unnamed)'}`,
        })),
        fixes,
      });
    });
  },
};
