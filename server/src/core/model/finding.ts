/** What rules produce: findings with related places and ready-made quick fixes. */
import type { Resource, SourceFile } from './resource';
import type { Span } from './ytree';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEditSpec {
  file: SourceFile;
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  /** One obvious fix: editors apply it with "auto fix". */
  preferred?: boolean;
  edits: TextEditSpec[];
}

export interface RelatedPlace {
  file: SourceFile;
  span: Span;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** The resource the finding is about; the finding lies in its file. */
  resource: Resource;
  span: Span;
  related: RelatedPlace[];
  fixes: Fix[];
  /** LSP diagnostic tags that fit (e.g. a value that does nothing). */
  tags?: ('unnecessary' | 'deprecated')[];
  /**
   * The apply units it holds in, when its file is in several (the index sets it when it
   * merges their findings; the message then names them).
   */
  units?: readonly string[];
}

/** A rule's public description, for docs, SARIF and settings. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** When the severity depends on the case: how (settings offer `default` to keep it). */
  severityNote?: string;
}

/** Related places a finding keeps at the most; the last says how many more there were. */
export const maxRelated = 10;
/** Characters of a finding's message at the most (names in it can be long, lists of them longer). */
export const maxMessage = 2000;

/**
 * Characters of a message's first sentence at the most: it says what is wrong and what to
 * do, and must stay readable in a Problems panel of normal width. Details follow it.
 */
export const maxFirstSentence = 100;

/** The first candidate first sentence that fits `maxFirstSentence`, else the last (the shortest). */
export function fitFirst(...candidates: string[]): string {
  return candidates.find((c) => c.length <= maxFirstSentence) ?? candidates[candidates.length - 1]!;
}

/** "1,234": counts in messages. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A finding within bounds, whatever a rule found: at most `maxRelated` related places (the
 * last one saying "… and 4,991 more") and a message of at most `maxMessage` characters. A
 * Service that selects 1,000 templates must not carry 1,000 places into every report.
 */
export function bounded(f: Finding): Finding {
  if (f.related.length > maxRelated) {
    const kept = f.related.slice(0, maxRelated);
    const last = kept[maxRelated - 1]!;
    kept[maxRelated - 1] = { ...last, message: `… and ${count(f.related.length - maxRelated + 1)} more` };
    f.related = kept;
  }
  // Related places may be shared by the findings of many Services: replaced, never changed.
  if (f.related.some((r) => r.message.length > maxMessage))
    f.related = f.related.map((r) => (r.message.length > maxMessage ? { ...r, message: cut(r.message) } : r));
  if (f.message.length > maxMessage) f.message = cut(f.message);
  return f;
}

function cut(s: string): string {
  return `${s.slice(0, maxMessage)}… (${count(s.length - maxMessage)} more characters)`;
}

/** Related places for the first `max` items; when there are more, the last says "… and N more". */
export function relatedFor<T>(items: readonly T[], place: (item: T) => RelatedPlace, max = maxRelated): RelatedPlace[] {
  const out = items.slice(0, max).map(place);
  if (items.length > max) out[max - 1] = { ...out[max - 1]!, message: `… and ${count(items.length - max + 1)} more` };
  return out;
}

/**
 * "a, b, c and 4,997 more": a list in a message naming at most `max` items, of `total` in
 * all (the caller may describe only the first few of a long list).
 */
export function listed(items: readonly string[], sep = ', ', max = 5, total = items.length): string {
  if (total <= max && items.length <= max) return items.join(sep);
  return `${items.slice(0, max).join(sep)} and ${count(total - Math.min(max, items.length))} more`;
}
