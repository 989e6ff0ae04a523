/**
 * rules.md: a probe uses a port *name* that no port of its container declares; or a TCP,
 * HTTP or gRPC probe aims at a port the container declares only as UDP (or SCTP) — the
 * kubelet connects over TCP, which nothing there answers.
 */
import { closestNames } from '../links/closest';
import { describeContainerPort, describeTarget } from '../links/ports';
import { isPlaceholder } from '../links/services';
import type { Fix } from '../model/finding';
import type { Container, Probe, Resource } from '../model/resource';
import { replaceSpan, yamlScalar } from './edits';
import type { Rule, RuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'probe-port-not-found',
    severity: 'error',
    description:
      'A liveness, readiness or startup probe uses a port name that its container does not declare, or a port it declares only as UDP.',
    severityNote:
      'error for an undeclared name or a name of a UDP port; warning for a number declared only as UDP (the app may also listen on TCP undeclared)',
  },
  check(r, ctx) {
    const pt = r.podTemplate;
    if (!pt) return;
    for (const c of pt.containers) {
      for (const probe of c.probes) {
        const name = probe.port.value;
        if (nonTcpTarget(ctx, r, c, probe)) continue;
        // Numbers need no declaration: the kubelet connects to them as they are.
        if (typeof name !== 'string' || name === '' || isPlaceholder(name) || c.ports.some((cp) => cp.name?.value === name)) continue;
        const fixes: Fix[] = [];
        for (const cp of c.ports) {
          for (const v of [cp.name?.value, cp.containerPort?.value]) {
            if (v === undefined || v === '' || fixes.some((f) => f.title === title(v))) continue;
            fixes.push({ title: title(v), edits: [replaceSpan(r.file, probe.port.span, yamlScalar(v))] });
          }
        }
        // One declared port, or one name close to the typo: changing to it is the obvious fix.
        const [near, ...others] = closestNames(
          name,
          c.ports.flatMap((cp) => (cp.name ? [cp.name.value] : [])),
        );
        const obvious =
          c.ports.length === 1
            ? fixes[0]
            : near !== undefined && others.length === 0
              ? fixes.find((f) => f.title === title(near))
              : undefined;
        if (obvious) obvious.preferred = true;
        const declared = c.ports.length > 0 ? `it declares ${c.ports.map(describeContainerPort).join(', ')}` : 'it declares no ports';
        ctx.report({
          severity: 'error',
          message: `Probe port "${name}" is not declared in this container: ${obvious ? obvious.title.replace('Change port to', 'use') : 'use a declared port'}. ${probe.kind} ${probe.handler} port "${name}" is not a port of container ${c.name || '(unnamed)'}: ${declared}; the kubelet cannot resolve the name, so the probe fails.`,
          span: probe.port.span,
          related:
            c.ports.length > 0 ? [{ file: r.file, span: c.ports[0]!.span, message: `ports of container ${c.name || '(unnamed)'}` }] : [],
          fixes,
        });
      }
    }
  },
};

/**
 * Report a probe whose port is declared only with another protocol than TCP; true when it did.
 * By name the kubelet takes that port's number whatever its protocol; by number it is the
 * same port unless a TCP port of that number is declared too.
 */
function nonTcpTarget(ctx: RuleContext, r: Resource, c: Container, probe: Probe): boolean {
  const want = probe.port.value;
  const same = c.ports.filter((cp) => (typeof want === 'string' ? cp.name?.value === want : cp.containerPort?.value === want));
  if (same.length === 0 || same.some((cp) => cp.protocol === 'TCP')) return false;
  const cp = same[0]!;
  const n = cp.containerPort?.value;
  const handler = probe.handler === 'httpGet' ? 'HTTP' : probe.handler === 'grpc' ? 'gRPC' : 'TCP';
  const named = typeof want === 'string';
  ctx.report({
    severity: named ? 'error' : 'warning',
    message: `Probe port ${describeTarget(want)} is ${cp.protocol}, but probes connect over TCP: probe a TCP port. ${probe.kind} ${probe.handler} port ${describeTarget(want)} is ${describeContainerPort(cp)}, declared as ${cp.protocol} in container ${c.name || '(unnamed)'}: a ${handler} probe connects over TCP, so it fails${named ? '' : ` unless the container also listens on TCP ${n ?? want} without declaring it`}.`,
    span: probe.port.span,
    related: [
      { file: r.file, span: cp.protocolSpan ?? cp.span, message: `${describeContainerPort(cp)} of container ${c.name || '(unnamed)'}` },
    ],
  });
  return true;
}

function title(v: string | number): string {
  return `Change port to ${typeof v === 'number' ? v : `"${v}"`}`;
}
