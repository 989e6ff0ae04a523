/** The core's front door for the CLI, the server and tests: an index with every rule. */
import { WorkspaceIndex, type IndexOptions } from './index/workspaceIndex';
import type { Resource } from './model/resource';
import { allRules } from './rules';

/** A new, empty workspace index that checks every rule of rules.md. */
export function createIndex(opts: Partial<IndexOptions> = {}, onError?: (e: unknown, r: Resource, rule: string) => void): WorkspaceIndex {
  return new WorkspaceIndex(allRules, opts, onError);
}
