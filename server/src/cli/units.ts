/** `podpath units`: the apply units of a workspace and where each comes from (text or json). */
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { UnitOrigin } from '../core/units/discover';
import { printable } from './printable';

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

export function formatUnits(index: WorkspaceIndex, format: 'text' | 'json'): string {
  const units = index.unitList();
  if (format === 'json') {
    return (
      JSON.stringify({ version: 1, units: units.map((u) => ({ name: u.def.name, origins: u.def.origins, files: u.files })) }, null, 2) +
      '\n'
    );
  }
  const lines: string[] = [];
  for (const u of units) {
    lines.push(`${printable(u.def.name)}  (${u.files.length} files)`);
    for (const o of u.def.origins) lines.push(`  from ${printable(originText(o))}`);
  }
  lines.push(`${units.length} units`);
  return lines.join('\n') + '\n';
}
