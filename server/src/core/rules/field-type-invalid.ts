/**
 * A field that podpath reads holds the wrong kind of YAML value: `ports: {…}` where a list
 * belongs, `selector: [a, b]` or `metadata: 7` where a map belongs, `template: null`. The
 * API rejects the object (`cannot unmarshal object into Go struct field …`), and podpath
 * would otherwise read the field as absent and say nothing — or something misleading
 * elsewhere (a Service "without ports"). Only the collections that the traffic path is
 * made of are checked, each where it is written. Of the scalars, only a number in quotes
 * where an integer belongs (`containerPort: "8080"`, Helm's `| quote`) is reported here; the
 * others are port-number-invalid's and port-name-invalid's concern.
 */
import { fieldProblems } from '../parse/fieldShapes';
import { replaceSpan } from './edits';
import { quotedIntegers, quotedPortNames } from './quotedNumbers';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'field-type-invalid',
    severity: 'error',
    description:
      'A field of the traffic path holds the wrong kind of value (a map where a list belongs, a list or a number where a map belongs, a null Pod template); the API rejects the object.',
  },
  check(r, ctx) {
    if (!r.root) return;
    for (const p of fieldProblems(r.kind, r.podTemplate !== undefined, r.root))
      ctx.report({ severity: 'error', message: p.message, span: p.span });
    for (const { field, node } of [...quotedIntegers(r), ...quotedPortNames(r).integers]) {
      const n = Number(node.value);
      ctx.report({
        severity: 'error',
        message: `${field} "${String(node.value)}" is a string where an integer belongs: remove the quotes. The API rejects the ${r.kind} (cannot unmarshal string into an integer field).`,
        span: node.span,
        fixes: [{ title: `Remove the quotes: ${field}: ${n}`, preferred: true, edits: [replaceSpan(r.file, node.span, String(n))] }],
      });
    }
  },
};
