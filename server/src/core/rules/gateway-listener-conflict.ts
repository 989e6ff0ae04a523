/**
 * Listeners of one Gateway (with the ListenerSets it admits) that cannot share a port: two on
 * the same port with the same hostname (HostnameConflict), or protocols that cannot share a
 * port, such as HTTP and HTTPS (ProtocolConflict). The listener is not accepted.
 */
import { gatewayOf, listenerProblems } from '../links/listeners';
import { fitFirst } from '../model/finding';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'gateway-listener-conflict',
    severity: 'error',
    description:
      'Two listeners of a Gateway (or its ListenerSets) on one port with the same hostname, or with protocols that cannot share it.',
  },
  check(r, ctx) {
    if (!r.gateway || !gatewayOf(ctx.lookup, r)) return;
    for (const l of r.gateway.listeners) {
      for (const p of listenerProblems(ctx.lookup, r, l)) {
        if ((p.reason !== 'HostnameConflict' && p.reason !== 'ProtocolConflict') || !p.other) continue;
        const o = p.other;
        const where =
          o.owner === r ? `listener "${o.listener.name.value}"` : `listener "${o.listener.name.value}" of ${o.owner.kind} ${o.owner.name}`;
        const clash = `clashes with another on port ${l.port?.value ?? '?'}: change its ${p.reason === 'HostnameConflict' ? 'hostname or port' : 'protocol or port'}.`;
        const sameObject = o.owner === r && p.reason === 'HostnameConflict';
        ctx.report({
          severity: 'error',
          message: sameObject
            ? `${fitFirst(`Listener "${l.name.value}" repeats ${where}: change its port, protocol or hostname.`, 'This listener repeats another: change its port, protocol or hostname.')} The API rejects the ${r.kind}: listeners must differ in port, protocol or hostname.`
            : `${fitFirst(`Listener "${l.name.value}" ${clash}`, `This listener ${clash}`)} It conflicts with ${where} (${p.reason}): ${p.message}, so this listener is not accepted and takes no routes.`,
          span: (p.reason === 'HostnameConflict' ? (l.hostname?.span ?? l.port?.span) : l.protocol?.span) ?? l.name.span,
          related: [
            {
              file: o.owner.file,
              span: o.listener.name.span,
              message: `listener ${o.listener.name.value}: ${o.listener.protocol?.value ?? '?'} port ${o.listener.port?.value ?? '?'}${o.listener.hostname ? ` hostname ${o.listener.hostname.value}` : ''}`,
            },
          ],
        });
      }
    }
  },
};
