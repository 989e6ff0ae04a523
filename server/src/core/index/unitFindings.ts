/**
 * A file in several apply units is checked in each; a finding is reported once at its
 * place and says where it holds: "(in overlays/prod and overlays/staging)" when in every
 * unit of the file, "(only in overlays/dev)" when in some. Findings of a unit's built
 * objects (core/units/built.ts) are moved to the real file and span their value came from.
 */
import type { Finding, RelatedPlace } from '../model/finding';
import { realPlace, type FileProblem, type SourceFile } from '../model/resource';
import type { UnitState } from './units';

export interface UnitFindings<T> {
  name: string;
  findings: readonly T[];
}

/** Same rule, place, severity and words: one finding, whichever units it holds in. */
export function withUnits<T extends { rule: string; span: readonly [number, number]; severity: string; message: string }>(
  per: readonly UnitFindings<T>[],
): (T & { units?: readonly string[] })[] {
  if (per.length === 1) return [...per[0]!.findings];
  const merged = new Map<string, { finding: T; units: string[]; same: boolean }>();
  for (const u of per) {
    for (const f of u.findings) {
      // One place, one finding: in built units its words may name what each build made of it (`prod-api`, `api`).
      const key = `${f.rule}\u0000${f.span[0]}\u0000${f.span[1]}\u0000${f.severity}`;
      const had = merged.get(key);
      if (!had) merged.set(key, { finding: f, units: [u.name], same: true });
      else if (!had.units.includes(u.name)) {
        had.units.push(u.name);
        if (f.message !== had.finding.message) had.same = false;
      }
    }
  }
  return [...merged.values()].map(({ finding, units: where, same }) => ({
    ...finding,
    message: `${finding.message} (${where.length === per.length ? 'in' : 'only in'} ${nameList(where)}${same ? '' : `; as built in ${where[0]}`})`,
    units: where,
  }));
}

/** A unit's findings in file `file`: of its resources there, or of its built objects whose findings lie there. */
export function unitFindingsIn(u: UnitState, file: SourceFile): Finding[] {
  if (!u.built) return file.resources.flatMap((r) => u.checker.findingsOf(r));
  const out: Finding[] = [];
  for (const r of u.built.byUri.get(file.uri) ?? []) {
    for (const f of u.checker.findingsOf(r)) {
      const at = realPlace(r.file, f.span);
      if (at.file !== file) continue;
      out.push({
        ...f,
        span: at.span,
        related: f.related.map(real),
        fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, ...realPlace(e.file, e.span) })) })),
      });
    }
  }
  return out;
}

function real(p: RelatedPlace): RelatedPlace {
  return p.file.segments ? { ...p, ...realPlace(p.file, p.span) } : p;
}

/** The evaluator's problems a built unit has in a file. */
export function unitProblemsIn(u: UnitState, file: SourceFile): readonly FileProblem[] {
  return u.built?.problems.get(file.uri) ?? [];
}

/** `a`, `a and b`, `a, b and c`; past four names, `a, b, c and 5 more`. */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 4) return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
