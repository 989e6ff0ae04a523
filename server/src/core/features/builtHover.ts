/**
 * Hover in a file whose objects an apply unit builds with kustomize (core/units/built.ts):
 * for each unit, what the build made of the value under the cursor ("name `prod-api` — `api`
 * with namePrefix `prod-` from overlays/prod/kustomization.yaml:5") and the hover of the built
 * object, read in that unit.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource, SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { symbolAt, type Sym } from './cursor';
import type { Lookup } from '../index/lookup';
import { code, hoverOf, plain } from './hover';

/** Units named in one hover at the most. */
const maxUnits = 3;

/** Per unit that builds this file's objects: its hover text at `offset` (nothing where the cursor is on no value of a built object). */
export function builtHover(index: WorkspaceIndex, file: SourceFile, offset: number): { markdown: string; span: Span } | undefined {
  const parts: string[] = [];
  let span: Span | undefined;
  const units = index.builtAt(file);
  for (const { unit, built } of units) {
    const lines: string[] = [];
    const files = new Set<SourceFile>();
    for (const r of built.resources) {
      if (!r.file.segments?.some((s) => s.file === file)) continue;
      files.add(r.file);
      const hit = built.changes.get(r)?.find((c) => c.path === file.path && c.span[0] <= offset && offset <= c.span[1]);
      if (hit) {
        lines.push(`${plain(hit.key)} ${code(hit.value)} — ${code(file.text.slice(hit.span[0], hit.span[1]))} with ${plain(hit.note)}`);
        span ??= hit.span;
      }
    }
    for (const f of files) {
      const seg = f.segments!.find((s) => s.file === file)!;
      const sym = symbolAt(f, seg.base + offset);
      const md = sym ? hoverOf(index.lookup({ unit }), sym) : undefined;
      if (!md) continue;
      lines.push(md);
      span ??= [sym!.span[0] - seg.base, sym!.span[1] - seg.base];
    }
    if (lines.length) parts.push(`**In unit ${code(unit)}:** ${lines.join('\n\n')}`);
  }
  if (!parts.length || !span) return undefined;
  const shown = parts.slice(0, maxUnits);
  if (parts.length > maxUnits) shown.push(`_… and in ${parts.length - maxUnits} more units_`);
  return { markdown: shown.join('\n\n---\n\n'), span };
}

/** The built objects whose document is at `offset` of `file`, with their units (the first unit first). */
export function builtResourcesAt(index: WorkspaceIndex, file: SourceFile, offset: number): { unit: string; resource: Resource }[] {
  const out: { unit: string; resource: Resource }[] = [];
  for (const { unit, built } of index.builtAt(file)) {
    for (const r of built.resources) {
      const seg = r.file.segments?.find((s) => s.file === file);
      if (seg && r.span[0] <= seg.base + offset && seg.base + offset <= r.span[1]) out.push({ unit, resource: r });
    }
  }
  return out;
}

/** The symbol at `offset` of `file` in the first unit that built an object there, with that unit's lookup (definition, references). */
export function builtSymbolAt(index: WorkspaceIndex, file: SourceFile, offset: number): { sym: Sym; lookup: Lookup } | undefined {
  for (const { unit, resource } of builtResourcesAt(index, file, offset)) {
    const seg = resource.file.segments!.find((s) => s.file === file)!;
    const sym = symbolAt(resource.file, seg.base + offset);
    if (sym) return { sym, lookup: index.lookup({ unit }) };
  }
  return undefined;
}
