/**
 * Runs the rules per resource and remembers, for each rule run, the table keys it read. An
 * edit re-runs exactly the rule runs whose keys it touched (and every rule on the edited
 * file's own resources), so a re-check costs what the edit can change and nothing more: a
 * new NetworkPolicy re-runs the policy rule of the Services in its namespace, not all of
 * their rules.
 */
import { bounded, type Finding } from '../model/finding';
import type { Resource } from '../model/resource';
import type { Rule, RuleContext } from '../rules/rule';
import type { Lookup } from './lookup';

/** One rule's run on one resource: what it found and the keys it read (runs with neither are not kept). */
interface RuleRun {
  rule: number;
  findings: Finding[];
  deps: string[];
}

interface Result {
  resource: Resource;
  /** By rule index. */
  runs: RuleRun[];
  /** Every run's findings, in rule order. */
  findings: readonly Finding[];
}

export class Checker {
  private readonly results = new Map<number, Result>();
  /** Table key → the rule runs that read it, each as `resource id × rule count + rule index`. */
  private readonly dependents = new Map<string, Set<number>>();
  /** Resources to check: every rule (`all`), or the rules whose keys changed. */
  private readonly dirty = new Map<number, { resource: Resource; rules: Set<number> | 'all' }>();
  private readonly live = new Map<number, Resource>();
  /** Files whose resources went away with findings since the last run: their findings changed too. */
  private readonly emptied = new Set<string>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly onError: (e: unknown, r: Resource, rule: string) => void = () => {},
  ) {}

  /**
   * Record a change: resources gone, resources new, and the table keys it touched. Keys only
   * `shifted` (their resources moved in file `uri`, unchanged) re-run just the rule runs whose
   * findings point into that file: the others' findings are still exactly right.
   */
  change(
    removed: Iterable<Resource>,
    added: Iterable<Resource>,
    touched: Iterable<string>,
    shifted: Iterable<string> = [],
    uri?: string,
  ): void {
    for (const r of removed) {
      // A file can lose its resources through another file's edit (a kustomization that now
      // lists it as a patch): its stale findings must be cleared, so run() names it.
      if (this.results.get(r.id)?.findings.length) this.emptied.add(r.file.uri);
      this.live.delete(r.id);
      this.dirty.delete(r.id);
      this.forget(r.id);
    }
    for (const key of touched) for (const code of this.dependents.get(key) ?? []) this.markDirty(code);
    for (const key of shifted) {
      for (const code of this.dependents.get(key) ?? []) {
        const run = this.results.get(Math.floor(code / this.rules.length))?.runs.find((x) => x.rule === code % this.rules.length);
        if (run?.findings.some((f) => pointsInto(f, uri))) this.markDirty(code);
      }
    }
    for (const r of added) {
      this.live.set(r.id, r);
      this.dirty.set(r.id, { resource: r, rules: 'all' });
    }
  }

  /** Mark one rule run (`resource id × rule count + rule index`) for re-running. */
  private markDirty(code: number): void {
    const n = this.rules.length;
    const id = Math.floor(code / n);
    const r = this.live.get(id);
    if (!r) return;
    const d = this.dirty.get(id);
    if (!d) this.dirty.set(id, { resource: r, rules: new Set([code % n]) });
    else if (d.rules !== 'all') d.rules.add(code % n);
  }

  /** Mark everything dirty (settings changed). */
  invalidateAll(): void {
    for (const [id, r] of this.live) this.dirty.set(id, { resource: r, rules: 'all' });
  }

  /**
   * Re-check the dirty resources; returns the URIs of the files whose findings changed. When
   * `stop` says so (asked after each resource), the rest stay dirty for the next run: the
   * language server checks in slices and answers requests in between.
   */
  run(lookup: Lookup, stop?: () => boolean): Set<string> {
    const changed = new Set<string>(this.emptied);
    this.emptied.clear();
    const runLookup = lookup.forRun();
    const ctx = runContext(runLookup);
    for (const { resource: r, rules } of this.dirty.values()) {
      if (stop?.()) break;
      const id = r.id;
      this.dirty.delete(id);
      const old = this.results.get(id);
      let runs: RuleRun[];
      if (rules === 'all' || !old) {
        this.forget(id);
        const kept = ctx.runs;
        kept.length = 0;
        for (let i = 0; i < this.rules.length; i++) {
          const run = this.runRule(r, i, ctx);
          if (run) kept.push(this.remember(id, run));
        }
        runs = kept.slice(); // just its size: it is kept
      } else {
        // Only the rules whose keys changed; the others' runs stand.
        runs = old.runs.filter((x) => !rules.has(x.rule));
        for (const i of rules) {
          const before = old.runs.find((x) => x.rule === i);
          if (before) this.forgetRun(id, before);
          const run = this.runRule(r, i, ctx);
          if (run) runs.push(this.remember(id, run));
        }
        runs.sort((a, b) => a.rule - b.rule);
      }
      const findings = allFindings(runs);
      if (runs.length) this.results.set(id, { resource: r, runs, findings });
      else this.results.delete(id);
      if (!sameFindings(old?.findings ?? noFindings, findings)) changed.add(r.file.uri);
    }
    runLookup.endRun();
    return changed;
  }

  /** Whether a run is pending: resources to check, or files whose findings went with their resources. */
  get pending(): number {
    return this.dirty.size + this.emptied.size;
  }

  /** The findings of one resource from the last run. */
  findingsOf(r: Resource): readonly Finding[] {
    return this.results.get(r.id)?.findings ?? [];
  }

  private runRule(r: Resource, i: number, ctx: RunContext): RuleRun | undefined {
    const rule = this.rules[i]!;
    ctx.resource = r;
    ctx.rule = rule;
    ctx.found = undefined;
    ctx.read.clear();
    try {
      rule.check(r, ctx.context);
    } catch (e) {
      this.onError(e, r, rule.meta.id);
    }
    return ctx.found || ctx.read.size ? { rule: i, findings: ctx.found ?? [], deps: [...ctx.read] } : undefined;
  }

  private remember(id: number, run: RuleRun): RuleRun {
    const code = id * this.rules.length + run.rule;
    for (const d of run.deps) {
      let set = this.dependents.get(d);
      if (!set) this.dependents.set(d, (set = new Set()));
      set.add(code);
    }
    return run;
  }

  private forgetRun(id: number, run: RuleRun): void {
    const code = id * this.rules.length + run.rule;
    for (const d of run.deps) {
      const set = this.dependents.get(d);
      if (!set) continue;
      set.delete(code);
      if (set.size === 0) this.dependents.delete(d);
    }
  }

  private forget(id: number): void {
    const old = this.results.get(id);
    if (!old) return;
    for (const run of old.runs) this.forgetRun(id, run);
    this.results.delete(id);
  }
}

/**
 * What a check run shares between its rule runs, so that a silent rule run allocates
 * nothing: one recording lookup (each run's keys are copied out of `read`), one context
 * whose `report` files findings under the rule and resource being run.
 */
interface RunContext {
  read: Set<string>;
  /** A resource's runs, before they are copied out. */
  runs: RuleRun[];
  context: RuleContext;
  resource: Resource | undefined;
  rule: Rule | undefined;
  found: Finding[] | undefined;
}

function runContext(lookup: Lookup): RunContext {
  const read = new Set<string>();
  const ctx: RunContext = {
    read,
    runs: [],
    resource: undefined,
    rule: undefined,
    found: undefined,
    context: {
      lookup: lookup.recording(read),
      report: (f) => (ctx.found ??= []).push(bounded({ rule: ctx.rule!.meta.id, related: [], fixes: [], ...f, resource: ctx.resource! })),
    },
  };
  return ctx;
}

/** Whether a finding points at a place in file `uri` (a related place or a fix's edit). */
function pointsInto(f: Finding, uri: string | undefined): boolean {
  return f.related.some((p) => p.file.uri === uri) || f.fixes.some((x) => x.edits.some((e) => e.file.uri === uri));
}

const noFindings: readonly Finding[] = [];

/** Every run's findings in rule order (shared and empty when there are none, as is usual). */
function allFindings(runs: readonly RuleRun[]): readonly Finding[] {
  let out: Finding[] | undefined;
  for (const x of runs) if (x.findings.length) (out ??= []).push(...x.findings);
  return out ?? noFindings;
}

/** Whether two runs' findings show the same to a client: place, words, and the places they point at. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((f, i) => {
    const g = b[i]!;
    return (
      f.rule === g.rule &&
      f.message === g.message &&
      f.severity === g.severity &&
      f.span[0] === g.span[0] &&
      f.span[1] === g.span[1] &&
      sameTags(f.tags, g.tags) &&
      samePlaces(f.related, g.related)
    );
  });
}

function samePlaces(a: Finding['related'], b: Finding['related']): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i]!;
      return p.file.uri === q.file.uri && p.span[0] === q.span[0] && p.span[1] === q.span[1] && p.message === q.message;
    })
  );
}

function sameTags(a: Finding['tags'], b: Finding['tags']): boolean {
  return (a ?? []).join() === (b ?? []).join();
}
