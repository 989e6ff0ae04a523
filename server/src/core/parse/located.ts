/** Helpers that read typed, located values out of the YNode tree. */
import type { LabelSelector, Located } from '../model/resource';
import { getScalar, getSeq, int, isMap, isScalar, pair, str, strMap, type Span, type YNode } from '../model/ytree';

/** A string value at `key` of a map, with its span. */
export function locStr(n: YNode | undefined, key: string): Located<string> | undefined {
  const v = getScalar(n, key);
  const s = str(v);
  return v && s !== undefined ? { value: s, span: v.span } : undefined;
}

/** An integer value at `key` (number or digit string), with its span. */
export function locInt(n: YNode | undefined, key: string): Located<number> | undefined {
  const v = getScalar(n, key);
  const i = int(v);
  return v && i !== undefined ? { value: i, span: v.span } : undefined;
}

/** An int-or-string value (targetPort, probe port): digit strings become numbers. */
export function locIntOrStr(n: YNode | undefined, key: string): Located<string | number> | undefined {
  const v = getScalar(n, key);
  if (!v || v.value === null) return undefined;
  const i = int(v);
  if (i !== undefined) return { value: i, span: v.span };
  if (typeof v.value === 'string') return { value: v.value, span: v.span };
  return undefined;
}

/** The span of a key in a map, else the fallback. */
export function keySpan(n: YNode | undefined, key: string, fallback: Span): Span {
  return pair(n, key)?.keySpan ?? fallback;
}

/** Read a Kubernetes LabelSelector (`matchLabels` + `matchExpressions`). */
export function labelSelector(n: YNode | undefined, fallback: Span): LabelSelector {
  if (n === undefined || (isScalar(n) && n.value === null)) {
    return { matchLabels: new Map(), matchExpressions: [], span: fallback };
  }
  if (!isMap(n)) return { matchLabels: new Map(), matchExpressions: [], span: n.span, invalid: true };
  const ml = pair(n, 'matchLabels')?.value;
  const exprs: LabelSelector['matchExpressions'] = [];
  let invalid = ml !== undefined && !isMap(ml) && !(isScalar(ml) && ml.value === null);
  for (const e of getSeq(n, 'matchExpressions')) {
    const key = str(getScalar(e, 'key'));
    const operator = str(getScalar(e, 'operator'));
    if (key === undefined || operator === undefined) {
      invalid = true;
      continue;
    }
    const values = getSeq(e, 'values')
      .map((v) => str(v))
      .filter((v): v is string => v !== undefined);
    exprs.push({ key, operator, values, span: e.span });
  }
  return { matchLabels: strMap(ml), matchExpressions: exprs, span: n.span, invalid };
}

/** Whether a LabelSelector selects nothing in particular (matches every pod). */
export function isEmptySelector(s: LabelSelector): boolean {
  return s.matchLabels.size === 0 && s.matchExpressions.length === 0;
}
