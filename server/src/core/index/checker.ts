/**
 * Runs the rules per resource and remembers, for each, the table keys its checks read.
 * An edit marks dirty exactly the resources whose dependencies it touched (plus the edited
 * file's own), so a re-check costs what the edit can change and nothing more.
 */
import type { Finding } from '../model/finding';
import type { Resource } from '../model/resource';
import type { Rule, RuleContext } from '../rules/rule';
import type { Lookup } from './lookup';

export class Checker {
  private readonly results = new Map<number, { resource: Resource; findings: Finding[]; deps: Set<string> }>();
  private readonly dependents = new Map<string, Set<number>>();
  private readonly dirty = new Map<number, Resource>();
  private readonly live = new Map<number, Resource>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly onError: (e: unknown, r: Resource, rule: string) => void = () => {},
  ) {}

  /** Record a change: resources gone, resources new, and the table keys it touched. */
  change(removed: Iterable<Resource>, added: Iterable<Resource>, touched: Iterable<string>): void {
    for (const r of removed) {
      this.live.delete(r.id);
      this.dirty.delete(r.id);
      this.forget(r.id);
    }
    for (const key of touched) {
      for (const id of this.dependents.get(key) ?? []) {
        const r = this.live.get(id);
        if (r) this.dirty.set(id, r);
      }
    }
    for (const r of added) {
      this.live.set(r.id, r);
      this.dirty.set(r.id, r);
    }
  }

  /** Mark everything dirty (settings changed). */
  invalidateAll(): void {
    for (const [id, r] of this.live) this.dirty.set(id, r);
  }

  /** Re-check the dirty resources; returns the URIs of the files whose findings changed. */
  run(lookup: Lookup): Set<string> {
    const changed = new Set<string>();
    for (const [id, r] of this.dirty) {
      const before = this.results.get(id)?.findings;
      this.forget(id);
      const deps = new Set<string>();
      const findings = this.checkOne(r, lookup.recording(deps));
      this.results.set(id, { resource: r, findings, deps });
      for (const d of deps) {
        let set = this.dependents.get(d);
        if (!set) this.dependents.set(d, (set = new Set()));
        set.add(id);
      }
      if (!sameFindings(before, findings)) changed.add(r.file.uri);
    }
    this.dirty.clear();
    return changed;
  }

  /** Whether a run is pending. */
  get pending(): number {
    return this.dirty.size;
  }

  /** The findings of one resource from the last run. */
  findingsOf(r: Resource): readonly Finding[] {
    return this.results.get(r.id)?.findings ?? [];
  }

  private checkOne(r: Resource, lookup: Lookup): Finding[] {
    const findings: Finding[] = [];
    for (const rule of this.rules) {
      const ctx: RuleContext = {
        lookup,
        report: (f) => findings.push({ rule: rule.meta.id, related: [], fixes: [], ...f, resource: r }),
      };
      try {
        rule.check(r, ctx);
      } catch (e) {
        this.onError(e, r, rule.meta.id);
      }
    }
    return findings;
  }

  private forget(id: number): void {
    const old = this.results.get(id);
    if (!old) return;
    for (const d of old.deps) {
      const set = this.dependents.get(d);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.dependents.delete(d);
    }
    this.results.delete(id);
  }
}

function sameFindings(a: readonly Finding[] | undefined, b: readonly Finding[]): boolean {
  if (!a) return b.length === 0;
  if (a.length !== b.length) return false;
  return a.every((f, i) => {
    const g = b[i]!;
    return f.rule === g.rule && f.message === g.message && f.severity === g.severity && f.span[0] === g.span[0] && f.span[1] === g.span[1];
  });
}
