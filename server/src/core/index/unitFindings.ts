/**
 * A file in several apply units is checked in each; a finding is reported once at its
 * place and says where it holds: "(in overlays/prod and overlays/staging)" when in every
 * unit of the file, "(only in overlays/dev)" when in some.
 */
import type { Finding } from '../model/finding';
import type { Resource } from '../model/resource';

export interface UnitFindings {
  name: string;
  findingsOf(r: Resource): readonly Finding[];
}

/** The findings of a file's resources in each of its units, merged: same rule, place, severity and words are one finding. */
export function withUnits(resources: readonly Resource[], units: readonly UnitFindings[]): Finding[] {
  const merged = new Map<string, { finding: Finding; units: string[] }>();
  for (const r of resources) {
    for (const u of units) {
      for (const f of u.findingsOf(r)) {
        const key = `${f.rule}\u0000${f.span[0]}\u0000${f.span[1]}\u0000${f.severity}\u0000${f.message}`;
        const had = merged.get(key);
        if (!had) merged.set(key, { finding: f, units: [u.name] });
        else if (!had.units.includes(u.name)) had.units.push(u.name);
      }
    }
  }
  return [...merged.values()].map(({ finding, units: where }) => ({
    ...finding,
    message: `${finding.message} (${where.length === units.length ? 'in' : 'only in'} ${nameList(where)})`,
    units: where,
  }));
}

/** `a`, `a and b`, `a, b and c`; past four names, `a, b, c and 5 more`. */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 4) return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
