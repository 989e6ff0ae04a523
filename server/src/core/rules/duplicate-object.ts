/**
 * rules.md: the same kind/namespace/name twice in one apply unit — applied together, the
 * second overwrites the first. Reported at the second (by file path, then position);
 * copies with the same text change nothing and say nothing. Across units it is normal, and
 * so it is across files of the default unit (see below).
 */
import { objectKey } from '../index/tables';
import { lineAt } from '../model/positions';
import type { Resource } from '../model/resource';
import type { Rule } from './rule';

/** Whether `a` is applied before `b` in one unit (kubectl apply -f walks files by path). */
function before(a: Resource, b: Resource): boolean {
  return a.file.path < b.file.path || (a.file.path === b.file.path && a.span[0] < b.span[0]);
}

/** A document's text without comments and blank lines, to tell copies from rivals. */
function body(r: Resource): string {
  return r.file.text
    .slice(r.span[0], r.span[1])
    .split('\n')
    .map((l) => l.replace(/\s+#.*$|^\s*#.*$/, '').trimEnd())
    .filter((l) => l !== '')
    .join('\n');
}

export const rule: Rule = {
  meta: {
    id: 'duplicate-object',
    severity: 'warning',
    description: 'The same kind, namespace and name twice in one apply unit: the one applied second overwrites the first.',
  },
  check(r, ctx) {
    if (r.name === '') return;
    const same = ctx.lookup.get('objid', objectKey(r));
    if (same.size < 2) return;
    let first: Resource | undefined;
    // The default unit is every file no declared unit holds: two files there are as often
    // alternatives (a variant per model, a setup per cloud, a copy per tutorial) as one
    // install, while one file is surely applied at once (`kubectl apply -f file.yaml`).
    const anywhere = ctx.lookup.options.declaredUnit === true;
    for (const o of same) if (o !== r && before(o, r) && (!first || before(o, first)) && (anywhere || o.file === r.file)) first = o;
    if (!first || body(first) === body(r)) return;
    const where = r.namespace === undefined ? '' : ` in namespace ${r.namespace}`;
    ctx.report({
      severity: 'warning',
      message: `${r.kind} ${r.name}${where} is defined twice: it is also at ${first.file.path}:${lineAt(first.file, first.nameSpan[0]) + 1}. Applied together the second replaces the first (what only the first says is lost); keep one, or give them different names.`,
      span: r.nameSpan,
      related: [{ file: first.file, span: first.nameSpan, message: `${r.kind} ${r.name}: first defined here` }],
    });
  },
};
