/** rules.md: a probe uses a port *name* that no port of its container declares. */
import { closestNames } from '../links/closest';
import { describeContainerPort } from '../links/ports';
import { isPlaceholder } from '../links/services';
import type { Fix } from '../model/finding';
import { replaceSpan, yamlScalar } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'probe-port-not-found',
    severity: 'error',
    description: 'A liveness, readiness or startup probe uses a port name that its container does not declare.',
  },
  check(r, ctx) {
    const pt = r.podTemplate;
    if (!pt) return;
    for (const c of pt.containers) {
      for (const probe of c.probes) {
        const name = probe.port.value;
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
        const [near, ...others] = closestNames(name, c.ports.flatMap((cp) => (cp.name ? [cp.name.value] : [])));
        const obvious = c.ports.length === 1 ? fixes[0] : near !== undefined && others.length === 0 ? fixes.find((f) => f.title === title(near)) : undefined;
        if (obvious) obvious.preferred = true;
        const declared = c.ports.length > 0 ? `it declares ${c.ports.map(describeContainerPort).join(', ')}` : 'it declares no ports';
        ctx.report({
          severity: 'error',
          message: `${probe.kind} ${probe.handler} port "${name}" is not a port of container ${c.name || '(unnamed)'}: ${declared}. The kubelet cannot resolve the name, so the probe fails.`,
          span: probe.port.span,
          related: c.ports.length > 0 ? [{ file: r.file, span: c.ports[0]!.span, message: `ports of container ${c.name || '(unnamed)'}` }] : [],
          fixes,
        });
      }
    }
  },
};

function title(v: string | number): string {
  return `Change port to ${typeof v === 'number' ? v : `"${v}"`}`;
}
