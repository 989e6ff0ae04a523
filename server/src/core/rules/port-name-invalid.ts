/**
 * rules.md: a container port name or a named targetPort is not an IANA service name, or a
 * Service port name is not a DNS label. The API rejects the object either way.
 */
import { fitFirst, type Fix, type TextEditSpec } from '../model/finding';
import type { Located, Resource } from '../model/resource';
import { dnsLabelProblems, ianaNameProblems, isPlaceholder } from '../links/services';
import { replaceSpan, yamlScalar } from './edits';
import { quotedPortNames } from './quotedNumbers';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'port-name-invalid',
    severity: 'error',
    description: 'A container port name or named targetPort is not an IANA service name, or a Service port name is not a DNS label.',
  },
  check(r, ctx) {
    const report = (
      what: string,
      loc: Located<string>,
      problems: string[],
      to: string | undefined,
      alsoAt: readonly (readonly [number, number])[],
    ): void => {
      // `${PORT_NAME}` and the like are filled in before the file reaches the API.
      if (isPlaceholder(loc.value)) return;
      const advice = to !== undefined ? `rename it to "${to}"` : 'rename it';
      ctx.report({
        severity: 'error',
        message: `${fitFirst(`"${loc.value}" is not a valid port name: ${advice}.`, `Not a valid port name: ${advice}.`)} ${what} "${loc.value}" ${problems.join(', and ')}.`,
        span: loc.span,
        fixes: renameFix(r, loc, to, alsoAt),
      });
    };
    // A number in quotes where a port may be a name: to the API it is a name, and an invalid one.
    // The views read it as the number meant, so nothing else reports it (or anything after it).
    for (const { field, node } of quotedPortNames(r).names) {
      const n = Number(node.value);
      ctx.report({
        severity: 'error',
        message: `${field} "${String(node.value)}" in quotes is an invalid port name: remove the quotes. Without them it means port ${n}; in quotes the API reads it as a port name, and a name of digits only is invalid (it must contain at least one letter): the API rejects the ${r.kind}.`,
        span: node.span,
        fixes: [{ title: `Remove the quotes: ${n}`, preferred: true, edits: [replaceSpan(r.file, node.span, String(n))] }],
      });
    }
    const svc = r.service;
    if (svc) {
      const names = new Set(svc.ports.map((p) => p.name?.value).filter((n): n is string => !!n));
      for (const p of svc.ports) {
        if (p.name && p.name.value !== '') {
          const problems = dnsLabelProblems(p.name.value);
          if (problems.length > 0) report(`Service port name`, p.name, problems, fixedName(p.name.value, 63, names), []);
        }
        const t = p.targetPort;
        // (Digits in quotes became a number: reported above.)
        if (t && typeof t.value === 'string' && t.value !== '') {
          const loc = { value: t.value, span: t.span };
          const problems = ianaNameProblems(t.value);
          // A targetPort names a container port: the rename must stay an IANA name.
          if (problems.length > 0) report('targetPort', loc, problems, fixedName(t.value, 15, new Set()), []);
        }
      }
    }
    const pt = r.podTemplate;
    if (pt) {
      const names = new Set(pt.containers.flatMap((c) => c.ports.map((cp) => cp.name?.value)).filter((n): n is string => !!n));
      for (const c of pt.containers) {
        for (const cp of c.ports) {
          if (!cp.name || cp.name.value === '') continue;
          const problems = ianaNameProblems(cp.name.value);
          if (problems.length === 0) continue;
          // Probes of the same container that use the old name are renamed with it.
          const probes = c.probes.filter((pr) => pr.port.value === cp.name!.value).map((pr) => pr.port.span);
          report(`Port name in container ${c.name || '(unnamed)'}`, cp.name, problems, fixedName(cp.name.value, 15, names), probes);
        }
      }
    }
  },
};

/**
 * The valid name the spec's fix offers: lower-cased, and shortened by dropping trailing
 * `-segments` when too long; only when the result is valid and no sibling has it already.
 */
function fixedName(name: string, max: number, siblings: ReadonlySet<string>): string | undefined {
  let n = name.toLowerCase();
  while (n.length > max && n.includes('-')) n = n.slice(0, n.lastIndexOf('-'));
  const problems = max === 15 ? ianaNameProblems(n) : dnsLabelProblems(n);
  if (n === name || n === '' || problems.length > 0 || siblings.has(n)) return undefined;
  return n;
}

function renameFix(r: Resource, loc: Located<string>, to: string | undefined, alsoAt: readonly (readonly [number, number])[]): Fix[] {
  if (to === undefined) return [];
  const edits: TextEditSpec[] = [loc.span, ...alsoAt].map((span) => replaceSpan(r.file, span, yamlScalar(to)));
  return [{ title: `Rename to "${to}"`, preferred: true, edits }];
}
