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
