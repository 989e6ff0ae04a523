/** `podpath units`: the apply units of a workspace and where each comes from (text or json). */
import { stringify } from 'yaml';
import { chartVariants, type ChartVariant } from '../core/features/chartVariants';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { UnitOrigin } from '../core/units/discover';
import { printable } from './printable';

/** How to suggest the variants not checked yet: the config file's name and the entry that checks one. */
export interface VariantHint {
  configFile: string;
  entryOf: (v: ChartVariant) => Record<string, unknown>;
}

/** One line per origin: what made the files a unit. */
export function originText(o: UnitOrigin): string {
  switch (o.kind) {
    case 'kustomization':
      return `kustomization ${o.path} (used by no other kustomization)`;
    case 'argocd':
      return `Argo CD ${o.name} in ${o.path}`;
    case 'flux':
      return `Flux ${o.name} in ${o.path}${o.targetNamespace ? ` (targetNamespace ${o.targetNamespace})` : ''}`;
    case 'config':
      return `configured in ${o.from}`;
    case 'helm':
      return `Helm chart ${o.path} (installed on its own)`;
    case 'default':
      return 'the files in no other unit';
  }
}

/**
 * The units, and under each chart its `ci/*-values.yaml` variants that no unit checks yet,
 * with the `.podpath.yaml` entry that would (`hint`; JSON: `variants`, an optional field).
 */
export function formatUnits(index: WorkspaceIndex, format: 'text' | 'json', hint?: VariantHint): string {
  const units = index.unitList();
  const open = hint ? chartVariants(index).filter((v) => v.checkedBy === undefined) : [];
  const variantsOf = (origins: readonly UnitOrigin[]): ChartVariant[] => {
    const charts = origins.flatMap((o) => (o.kind === 'helm' ? [o.path.replace(/(^|\/)Chart\.yaml$/, '')] : []));
    return open.filter((v) => charts.includes(v.chartPath));
  };
  if (format === 'json') {
    const json = units.map((u) => {
      const variants = variantsOf(u.def.origins).map((v) => ({ values: v.path, entry: hint!.entryOf(v) }));
      return { name: u.def.name, origins: u.def.origins, files: u.files, ...(variants.length ? { variants } : {}) };
    });
    return JSON.stringify({ version: 1, units: json }, null, 2) + '\n';
  }
  const lines: string[] = [];
  for (const u of units) {
    lines.push(`${printable(u.def.name)}  (${u.files.length} files)`);
    for (const o of u.def.origins) lines.push(`  from ${printable(originText(o))}`);
    for (const v of variantsOf(u.def.origins)) {
      const instead = v.unit !== undefined ? ` (in place of unit ${v.unit}: one unit per chart)` : '';
      lines.push(`  variant ${printable(v.path)} not checked yet; add under units: in ${printable(hint!.configFile)}${instead}:`);
      lines.push(`    - ${printable(stringify(hint!.entryOf(v), { collectionStyle: 'flow', lineWidth: 0 }).trim())}`);
    }
  }
  lines.push(`${units.length} units`);
  return lines.join('\n') + '\n';
}
