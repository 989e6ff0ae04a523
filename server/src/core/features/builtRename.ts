/**
 * Rename in a file a kustomize build reads (core/units/built.ts): the subject is what the
 * units that read the file built there, and the rename is planned in every unit that builds
 * the place where the subject is declared (a base Service's name, a container port's name),
 * so a base shared by two overlays is renamed with the references of both. Each edit lands
 * where its value is written (the base line, an overlay's file, the patch that set a
 * targetPort), never in a built file; a patch that names the renamed Service as its target
 * is renamed with it, or kustomize would no longer find its target.
 *
 * What is written may differ from what was built: a namePrefix makes `api` `prod-api`. An
 * edit of text written as the declared name takes the new name (kustomize rewrites it as it
 * did the old one); one written as the built name (a DNS name in an env value, which
 * kustomize leaves alone) takes the new built name (`prod-` + the new name).
 */
import { nsName } from '../index/tables';
import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { TextEditSpec } from '../model/finding';
import { realPlace, type Resource, type SourceFile } from '../model/resource';
import { getScalar, getSeq, getStr, type Span, type YNode } from '../model/ytree';
import { readYamlDocuments } from '../parse/readYaml';
import { builtResourcesAt } from './builtHover';
import { symbolIn, type Sym } from './cursor';
import { badName, innerSpan, portNameEdits, serviceEdits, subjectOf, type Refusal, type RenameSubject } from './rename';
import { serviceNamed } from './definition';

/** A rename in a built file: the range under the cursor (in the real file), its text, and the edits for a new name. */
export interface BuiltRenamePlan {
  span: Span;
  placeholder: string;
  edits(newName: string): TextEditSpec[] | Refusal;
}

interface UnitSym {
  unit: string;
  sym: Sym;
  lookup: Lookup;
}

/** Per unit that built an object at `offset` of `file`: the symbol there, read in that unit. */
function symbolsAt(index: WorkspaceIndex, file: SourceFile, offset: number, only?: string): UnitSym[] {
  const out: UnitSym[] = [];
  for (const { unit, resource } of builtResourcesAt(index, file, offset)) {
    if (only !== undefined && unit !== only) continue;
    const seg = resource.file.segments!.find((s) => s.file === file)!;
    const sym = symbolIn(resource, seg.base + offset);
    if (sym) out.push({ unit, sym, lookup: index.lookup({ unit }) });
  }
  return out;
}

/** A place of a real file. */
interface RealPlace {
  file: SourceFile;
  span: Span;
}

const real = (file: SourceFile, span: Span): RealPlace => {
  const at = realPlace(file, span);
  return { file: at.file, span: innerSpan(at.file, at.span) };
};
const textOf = (p: RealPlace): string => p.file.text.slice(p.span[0], p.span[1]);

/**
 * The rename plan at `offset` of a file a build reads; undefined when no build read it as it
 * is now (then the file is renamed as written, as before units).
 */
export function builtRenamePlan(index: WorkspaceIndex, file: SourceFile, offset: number): BuiltRenamePlan | Refusal | undefined {
  if (!index.builtAt(file).length) return undefined;
  const here = symbolsAt(index, file, offset);
  if (!here.length) return undefined;
  let first: { subject: RenameSubject; at: RealPlace } | undefined;
  let refusal: Refusal | undefined;
  const seeds = new Map<string, RealPlace>();
  for (const { sym, lookup } of here) {
    const subject = subjectOf(lookup, sym);
    if ('error' in subject) {
      refusal ??= subject;
      continue;
    }
    const at = real(sym.resource.file, subject.span);
    first ??= { subject, at };
    for (const d of declarations(subject)) seeds.set(`${d.file.uri}#${d.span[0]}`, d);
  }
  if (!first) return refusal ?? { error: 'podpath renames port names and Services; there is neither here.' };
  const { subject, at } = first;
  const placeholder = textOf(at);
  const declared = subject.kind === 'service' ? textOf(declarations(subject)[0]!) : placeholder;
  const plan: BuiltRenamePlan = {
    span: at.span,
    placeholder,
    edits: (newName) => {
      // Renamed where it is written as built (`prod-api` in a DNS name): the new name is a built one too.
      const written = placeholder === declared || subject.kind !== 'service' ? newName : unbuilt(subject.service.name, declared, newName);
      if (typeof written !== 'string') return written;
      const bad = badName(subject.kind, written);
      return bad ?? plannedEdits(index, subject.kind, [...seeds.values()], written);
    },
  };
  if (subject.kind === 'service') {
    // What cannot be renamed is said before the new name is asked for.
    const dry = plan.edits(placeholder);
    if ('error' in dry) return dry;
  }
  return plan;
}

/** Where a subject is declared, in real files: a Service's name, the container port names. */
function declarations(subject: RenameSubject): RealPlace[] {
  if (subject.kind === 'service') return [real(subject.service.file, subject.service.nameSpan)];
  const out: RealPlace[] = [];
  for (const pt of subject.templates)
    for (const c of pt.containers)
      for (const cp of c.ports) if (cp.name?.value === subject.name) out.push(real(pt.owner.file, cp.name.span));
  return out;
}

/** The edits of every unit that builds a declaration, in real files, each once. */
function plannedEdits(index: WorkspaceIndex, kind: RenameSubject['kind'], seeds: RealPlace[], newName: string): TextEditSpec[] | Refusal {
  const edits = new Map<string, TextEditSpec>();
  const add = (p: RealPlace, newText: string): Refusal | undefined => {
    const key = `${p.file.uri}#${p.span[0]}:${p.span[1]}`;
    const had = edits.get(key);
    if (had && had.newText !== newText)
      return {
        error: `The units that read ${p.file.path} would need ${had.newText} and ${newText} at the same place; rename it in each overlay.`,
      };
    edits.set(key, { file: p.file, span: p.span, newText });
    return undefined;
  };
  for (const seed of seeds) {
    for (const { unit, sym, lookup } of symbolsAt(index, seed.file, seed.span[0])) {
      const subject = subjectOf(lookup, sym);
      if ('error' in subject || subject.kind !== kind) continue;
      const inUnit = (r: Refusal): Refusal => ({ error: `In unit ${unit}: ${r.error}` });
      if (subject.kind === 'port-name') {
        const planned = portNameEdits(lookup, subject.name, subject.templates, newName);
        if ('error' in planned) return inUnit(planned);
        for (const e of planned) {
          const p = real(e.file, e.span);
          if (textOf(p) !== subject.name) return inUnit({ error: `${p.file.path} writes ${textOf(p)} where ${subject.name} is used.` });
          const no = add(p, newName);
          if (no) return no;
        }
        continue;
      }
      const svc = subject.service;
      const written = textOf(seed);
      const built = builtName(svc.name, written, newName);
      if (built === undefined)
        return inUnit({ error: `Service ${svc.name} is not named ${written} plus a prefix or suffix; rename it where its name is set.` });
      const bad = badName('service', built);
      if (bad) return inUnit(bad);
      if (built !== svc.name && serviceNamed(lookup, svc.namespace ?? '', built))
        return inUnit({ error: `A Service named ${built} already exists in namespace ${svc.namespace}.` });
      const planned = serviceEdits(lookup, svc, built);
      if ('error' in planned) return inUnit(planned);
      const places = planned.map((e) => real(e.file, e.span));
      places.push(...namingPatches(lookup, svc, written));
      for (const p of places) {
        const t = textOf(p);
        const text = t === written ? newName : t === svc.name ? built : undefined;
        if (text === undefined) return inUnit({ error: `${p.file.path} writes ${t} for Service ${svc.name}; rename it there by hand.` });
        const no = add(p, text);
        if (no) return no;
      }
    }
  }
  return edits.size
    ? [...edits.values()]
    : { error: 'No unit builds the place where this is declared as it is now; try again after the check.' };
}

/** The written name for a new built name `newBuilt`, where `built` was built from `written` (the prefix and suffix kept). */
function unbuilt(built: string, written: string, newBuilt: string): string | Refusal {
  const i = built.indexOf(written);
  const pre = i < 0 ? '' : built.slice(0, i);
  const suf = i < 0 ? '' : built.slice(i + written.length);
  if (i < 0 || newBuilt.length <= pre.length + suf.length || !newBuilt.startsWith(pre) || !newBuilt.endsWith(suf))
    return { error: `Service ${built} is built from ${written}: the new name must keep ${[pre, suf].filter(Boolean).join(' and ')}.` };
  return newBuilt.slice(pre.length, newBuilt.length - suf.length);
}

/** What a Service built as `built` from the written name `written` is called when that is `newName` (the prefix and suffix stay). */
function builtName(built: string, written: string, newName: string): string | undefined {
  if (built === written) return newName;
  const i = built.indexOf(written);
  return i < 0 ? undefined : built.slice(0, i) + newName + built.slice(i + written.length);
}

/**
 * Where the patches that changed a Service's built copies name it as their target: the
 * `metadata.name` of a strategic-merge patch, the `target.name` of a kustomization's patch
 * entry (among the files its values come from). Left behind, kustomize would find no target.
 */
function namingPatches(lookup: Lookup, svc: Resource, written: string): RealPlace[] {
  const files = new Set<SourceFile>();
  for (const copy of lookup.get('svc', nsName(svc.namespace ?? '', svc.name))) {
    const home = realPlace(copy.file, copy.span).file;
    if (copy.root) filesOf(copy.file, copy.root, files);
    files.delete(home);
  }
  const out: RealPlace[] = [];
  for (const f of files) {
    if (f.resources.length) continue;
    for (const doc of readYamlDocuments(f.text).docs) {
      const name = getScalar(doc.root, 'metadata', 'name');
      if (name && name.value === written && getStr(doc.root, 'kind') === 'Service') out.push({ file: f, span: innerSpan(f, name.span) });
      // A kustomization's patch entries that target the Service by its name.
      for (const item of [...getSeq(doc.root, 'patches'), ...getSeq(doc.root, 'patchesJson6902')]) {
        const target = getScalar(item, 'target', 'name');
        if (target?.value === written && getStr(item, 'target', 'kind') === 'Service')
          out.push({ file: f, span: innerSpan(f, target.span) });
      }
    }
  }
  return out;
}

/** The real files the values of a built tree come from. */
function filesOf(built: SourceFile, n: YNode, into: Set<SourceFile>): void {
  into.add(realPlace(built, n.span).file);
  if (n.t === 'seq') for (const i of n.items) filesOf(built, i, into);
  else if (n.t === 'map') for (const p of n.pairs.values()) if (p.value) filesOf(built, p.value, into);
}
