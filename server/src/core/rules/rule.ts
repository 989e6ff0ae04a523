/** The shape of a rule: one file per rule id (rules.md), checked per resource. */
import type { Lookup } from '../index/lookup';
import type { Finding, RuleMeta } from '../model/finding';
import type { Resource } from '../model/resource';

export interface RuleContext {
  /** Lookups through the index; every key read becomes a dependency of this resource. */
  lookup: Lookup;
  report(f: Omit<Finding, 'resource' | 'related' | 'fixes' | 'rule'> & Partial<Pick<Finding, 'related' | 'fixes' | 'rule'>>): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Check one resource; silent unless something is wrong. */
  check(r: Resource, ctx: RuleContext): void;
}
