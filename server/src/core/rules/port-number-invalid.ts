/**
 * rules.md: `port`, `targetPort`, `containerPort`, `hostPort` or `nodePort` is not a port
 * number in 1–65535 (0 stands for "unset" in targetPort, hostPort and nodePort, as in the
 * API). Values that are not numbers at all (`port: "eighty"`, `80.5`, `true`, a quoted
 * `"80"` in an integer field) are reported too: the API rejects them just the same.
 * Reads the resource's own YAML, because the typed views drop values that are not integers.
 */
import type { Resource } from '../model/resource';
import { get, getSeq, getStr, isMap, isScalar, type YMap, type YNode } from '../model/ytree';
import { isPlaceholder } from '../links/services';
import { templateMaps } from '../links/services-edits';
import type { RuleContext, Rule } from './rule';

type Field = 'port' | 'targetPort' | 'nodePort' | 'containerPort' | 'hostPort';

/** Fields where 0 means "unset" (the API defaults or allocates them). */
const zeroMeansUnset = new Set<Field>(['targetPort', 'nodePort', 'hostPort']);

export const rule: Rule = {
  meta: {
    id: 'port-number-invalid',
    severity: 'error',
    description: 'A port, targetPort, containerPort, hostPort or nodePort is not a number from 1 to 65535.',
  },
  check(r, ctx) {
    if (!r.root) return;
    if (r.service) {
      getSeq(r.root, 'spec', 'ports').forEach((item, i) => {
        if (!isMap(item)) return;
        for (const f of ['port', 'targetPort', 'nodePort'] as const) judge(ctx, r, item, f, `Service ${r.name} port #${i + 1}`);
      });
    }
    if (r.podTemplate) {
      const { template } = templateMaps(r.podTemplate);
      const podSpec = get(template, 'spec');
      // Regular init containers too: the API validates every container's ports.
      for (const key of ['containers', 'initContainers']) {
        for (const c of getSeq(podSpec, key)) {
          const name = getStr(c, 'name') ?? '(unnamed)';
          for (const item of getSeq(c, 'ports')) {
            if (!isMap(item)) continue;
            for (const f of ['containerPort', 'hostPort'] as const) judge(ctx, r, item, f, `container ${name}`);
          }
        }
      }
    }
  },
};

function judge(ctx: RuleContext, r: Resource, map: YMap, field: Field, where: string): void {
  const node = map.pairs.get(field)?.value;
  const problem = problemOf(node, field);
  if (!problem || !node) return;
  ctx.report({ severity: 'error', message: `${field} ${problem}. The API rejects the ${r.kind} (${where}).`, span: node.span });
}

/** What is wrong with a port value, or undefined when it is a valid port or unset. */
function problemOf(node: YNode | undefined, field: Field): string | undefined {
  if (node === undefined) return undefined;
  if (!isScalar(node)) return `is a ${node.t === 'map' ? 'map' : 'list'}: use a number from 1 to 65535`;
  const v = node.value;
  if (v === null) return undefined;
  if (typeof v === 'boolean') return `${v} is not a port number: use a number from 1 to 65535`;
  if (typeof v === 'string') {
    // `${PORT}` and the like are filled in before the file reaches the API.
    if (isPlaceholder(v)) return undefined;
    // A number in quotes is a name in targetPort (port-name-invalid) and a string where an
    // integer belongs elsewhere (field-type-invalid): those rules say "remove the quotes".
    if (/^[0-9]+$/.test(v)) return undefined;
    // Any other name is port-name-invalid's concern.
    if (field === 'targetPort') return undefined;
    return `"${v}" is not a number: use a number from 1 to 65535`;
  }
  if (!Number.isInteger(v)) return `${v} is not a whole number: use a number from 1 to 65535`;
  return range(v, field);
}

function range(n: number, field: Field): string | undefined {
  if (n === 0) return zeroMeansUnset.has(field) ? undefined : '0 is not a valid port: use a number from 1 to 65535';
  if (n < 1 || n > 65535) return `${n} is out of range: use a number from 1 to 65535`;
  return undefined;
}
