/**
 * A kustomization root's unit holds the objects of its build (sources/kustomize), not its
 * files as written: the namespace, name prefixes, labels and patches applied. Each built
 * object becomes a Resource like any other, so rules and features read it as they read a
 * document. Its values come from several files (the base line, the patch line, the
 * kustomization line): the objects whose document is in one file share a built file
 * (`SourceFile.segments`) whose text is that file's text followed by the texts of the other
 * files their values came from, each node's span moved to its file's place in it. A place in
 * it is a place in a real file (`realPlace`), where findings are reported.
 */
import { fitFirst, maxFirstSentence } from '../model/finding';
import { noIgnoredLines, noIgnoredRules, type FileProblem, type Resource, type SourceFile } from '../model/resource';
import type { Span, YMap } from '../model/ytree';
import { resourceOfTree, type ParseContext, type ParseOptions } from '../parse/parseFile';
import { buildKustomization } from '../sources/kustomize/build';
import type { BuildFinding, BuildReads, BuildResult, BuiltObject, SourceFs } from '../sources/kustomize/types';
import type { UnitDef } from './discover';
import { indexedHeaders, indexedTrees } from './indexedTrees';
import { printOf } from './fingerprint';
import { builtTrees } from './builtTrees';

export interface BuiltUnit {
  resources: Resource[];
  /** Each built resource's object, for hovers that say what a transformer changed. */
  changes: Map<Resource, Change[]>;
  /** The evaluator's findings (kustomize's errors, what it left out), by the real file they are in. */
  problems: Map<string, FileProblem[]>;
  /** Every path the build read: it is evaluated again when one of them changes. */
  inputs: ReadonlySet<string>;
  /** Real file URI → the built resources with a value from it. */
  byUri: Map<string, Resource[]>;
  /** Built file URI → the real files it is made of (whose findings change with its own). */
  realUris: Map<string, string[]>;
  /** Built file URI → the fingerprint of its objects (fingerprint.ts): the next evaluation keeps it when they are the same. */
  prints: Map<string, string>;
  /** What the evaluation read (undefined: built again from whole texts), to tell what the next one may keep (`keeps`). */
  reads?: BuildReads;
  /** How many built files of the last evaluation it kept without walking their objects. */
  kept: number;
  /** How many files the evaluation read from their objects' headers only (see `fromHeaders`). */
  headerFiles: number;
}

/** The workspace as the evaluator reads it: the indexed files, and the folders that hold them. */
export interface IndexedFs {
  file(path: string): SourceFile | undefined;
  /** The names in a folder (files and folders), undefined when no indexed file is below it. */
  names(dir: string): readonly string[] | undefined;
}

/** Builds units over the index's files by path (see index/units.ts `Builder`). */
export function builderOver(
  files: IndexedFs & { get(path: string): SourceFile | undefined },
  opts: () => ParseOptions,
  ctx: ParseContext,
  cache: Map<string, unknown>,
) {
  return {
    build: (def: UnitDef, previous?: BuiltUnit): BuiltUnit => buildUnit(def.name, def.build ?? '', files, opts(), ctx, cache, previous),
    uriOf: (path: string): string | undefined => files.get(path)?.uri,
    options: opts,
  };
}

/** Build the kustomization in folder `dir` into unit `unit`'s resources. */
export function buildUnit(
  unit: string,
  dir: string,
  indexed: IndexedFs,
  opts: ParseOptions,
  ctx: ParseContext,
  cache: Map<string, unknown>,
  previous?: BuiltUnit,
): BuiltUnit {
  // Paths of a workspace given from below it (the CLI's `podpath check ../repo`) start with `..`: the evaluator reads from there.
  const up = /^(\.\.\/)*/.exec(dir)![0];
  const ws: IndexedFs = up
    ? { file: (p) => indexed.file(up + p), names: (d) => indexed.names(d === '' ? up.slice(0, -1) : up + d) }
    : indexed;
  dir = dir.slice(up.length);
  const fs = (read: (p: string) => string | undefined): SourceFs => ({
    read,
    list: (p) => (ws.names(p) ? [...ws.names(p)!] : undefined),
    isDir: (p) => ws.names(p) !== undefined,
    // The index parsed these files already: the evaluator takes its trees (it copies, never changes them).
    trees: (p, text) => indexedTrees(ws.file(p), text),
  });
  // CustomResourceDefinitions are most of the bytes and no part of a traffic path: built from
  // their headers, like the documents whose bodies the index found nothing in (indexedTrees.ts).
  // Should the build fail at a step that reads an object's body (a patch, a replacement, a
  // var), it is built again from the whole texts, which decide; a missing file or a bad
  // kustomization fails the same way either way.
  const read = fs((p) => ws.file(p)?.text);
  const before = previous ? filesOf(previous) : undefined;
  const reusable = (home: string, homeOnly: boolean): boolean =>
    before!.get(builtUri(unit, home, homeOnly))?.segments?.every((s) => indexed.file(s.file.path) === s.file) === true;
  let result =
    (previous && fromHeaders(previous, read, dir, cache, (p) => ws.file(p), reusable)) ||
    buildKustomization(read, dir, { cache, crdHeaders: true });
  let whole = false;
  if (
    result.failed &&
    result.headersRead &&
    result.findings.some((f) => f.severity === 'error' && (f.readsBody || readsBodies.has(f.code)))
  ) {
    result = buildKustomization(read, dir, { cache: fullCache(cache) });
    whole = true;
  }
  const out: BuiltUnit = {
    resources: [],
    changes: new Map(),
    problems: new Map(),
    // As the index names them (with the `../` the evaluator's paths were read from), so an edit finds the builds that read it.
    inputs: up ? new Set([...result.inputs].map((p) => (p === '' ? up.slice(0, -1) : up + p))) : result.inputs,
    byUri: new Map(),
    realUris: new Map(),
    prints: new Map(),
    reads: whole ? undefined : result.reads,
    kept: 0,
    headerFiles: result.headersOnly?.size ?? 0,
  };
  const groups = new Map<string, BuiltObject[]>();
  for (const o of result.objects) {
    // A CustomResourceDefinition is read for its name only: its built file is its own file's text, never a copy.
    const key = o.kind === 'CustomResourceDefinition' ? `${o.root.src.path}\u0000crd` : o.root.src.path;
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const keeping = previous !== undefined && keeps(previous, out);
  for (const [key, objects] of groups) {
    const home = key.split('\u0000')[0]!;
    const homeOnly = key.endsWith('\u0000crd');
    // The built file of the objects of a file the edit left alone, made of files it left alone: it stands, unwalked.
    const had = keeping && reusable(home, homeOnly) ? before!.get(builtUri(unit, home, homeOnly)) : undefined;
    if (had) {
      out.prints.set(had.uri, previous!.prints.get(had.uri)!);
      addFile(had, out, (r) => previous!.changes.get(r));
      out.kept++;
      continue;
    }
    builtFile(unit, home, objects, ws, opts, ctx, out, homeOnly, before && { files: before, built: previous! });
  }
  // With a part left out (a remote base, a plugin), what a patch or a reference misses may be in it: never a certain error.
  const partial = result.findings.some((f) => f.code === 'remote' || f.code === 'not-evaluated');
  for (const f of result.findings)
    problem(
      partial && f.code !== 'missing-file' && f.severity === 'error'
        ? { ...f, severity: 'info', message: `${f.message} (it may be in the part of this build podpath does not read)` }
        : f,
      dir,
      ws,
      out,
    );
  return out;
}

const fullKey = '\u0000full';

/** Files up to this size keep their parse after a full build (see BuildCache). */
const keptParse = 512 * 1024;

/**
 * The evaluator's parses, shared by the builds (sources/kustomize/types.ts `cache`). After
 * every unit was built they stay for the re-evaluations an edit brings (most documents are the
 * index's trees or headers, shared; parsing a unit's other files anew took 20-30 ms the first
 * time), except the parses of large files (a 1 MB List of dashboards: megabytes of trees), of
 * builds made again whole, and of what the last full build did not read (removed files).
 */
export class BuildCache extends Map<string, unknown> {
  private previous = new Map<string, unknown>();

  /** A full build starts: what it does not read again goes when it ends. */
  startFull(): void {
    this.previous = new Map(this);
    this.clear();
  }

  endFull(): void {
    this.previous.clear();
    this.delete(fullKey);
    for (const [k, v] of this) if ((v as { text: string }).text.length > keptParse) this.delete(k);
  }

  override get(key: string): unknown {
    const v = super.get(key);
    if (v !== undefined || this.previous.size === 0) return v;
    const was = this.previous.get(key);
    if (was !== undefined) super.set(key, was);
    return was;
  }
}

/**
 * kustomize errors of the steps that read objects' bodies (with documents read from their
 * headers, they may come from what was left out): every replacement's and var's, and a JSON
 * patch operation's (`readsBody`); a patch whose target is missing fails the same on headers.
 */
const readsBodies: ReadonlySet<string> = new Set(['replacement', 'var']);

function fullCache(cache: Map<string, unknown>): Map<string, unknown> {
  let full = cache.get(fullKey) as Map<string, unknown> | undefined;
  if (!full) cache.set(fullKey, (full = new Map()));
  return full;
}

function builtFile(
  unit: string,
  home: string,
  objects: BuiltObject[],
  ws: IndexedFs,
  opts: ParseOptions,
  ctx: ParseContext,
  out: BuiltUnit,
  homeOnly: boolean,
  previous: { files: Map<string, SourceFile>; built: BuiltUnit } | undefined,
): void {
  const trees = builtTrees(home, homeOnly, (p) => ws.file(p), ctx);
  const built = objects.map(trees.object);
  const { segments, paths, fresh } = trees;
  if (segments.length === 0) return;
  const uri = builtUri(unit, home, homeOnly);
  const print = printOf(paths, built, fresh);
  out.prints.set(uri, print);
  // The same objects from the same versions of the same files as the last evaluation: its built file stands.
  const had = previous?.files.get(uri);
  if (had && previous!.built.prints.get(uri) === print && sameSegments(had.segments ?? [], segments)) {
    addFile(had, out, (r) => previous!.built.changes.get(r));
    return;
  }
  const file: SourceFile = {
    uri,
    path: segments[0]!.file.path,
    // One file: its own text, shared (a copy of a large file per unit would multiply the memory).
    text: segments.length === 1 ? segments[0]!.file.text : segments.map((s) => s.file.text).join('\n'),
    version: 0,
    resources: [],
    problems: [],
    ignoredRules: noIgnoredRules,
    ignoredLines: noIgnoredLines,
    segments,
  };
  const changes = new Map<Resource, Change[]>();
  for (const b of built) {
    const r = resourceOfTree(file, b.tree as YMap, opts, ctx);
    if (r && b.notes.length) changes.set(r, b.notes);
  }
  addFile(file, out, (r) => changes.get(r));
}

function builtUri(unit: string, home: string, homeOnly: boolean): string {
  return `podpath-build:${encodeURIComponent(unit)}/${home}${homeOnly ? '#crd' : ''}`;
}

/**
 * Whether the objects of the files an edit left alone are built as the last evaluation built
 * them. So when nothing changed but files read only as `resources:` entries (no kustomization,
 * patch or generator input), every object kept its id and the ids it had before (a name
 * reference reads them), and no step copies values between objects (replacements, vars): every
 * other step changes an object by what it is and what the kustomizations say.
 */
function keeps(previous: BuiltUnit, now: BuiltUnit): boolean {
  return keepsReads(previous.reads, now.reads);
}

function keepsReads(a: BuildReads | undefined, b: BuildReads | undefined): boolean {
  if (!a || !b || a.crossObject || b.crossObject || a.ids !== b.ids || a.texts.size !== b.texts.size || a.dirs.size !== b.dirs.size)
    return false;
  for (const [d, held] of b.dirs) if (a.dirs.get(d) !== held) return false;
  for (const [p, text] of b.texts) {
    if (!a.texts.has(p)) return false;
    if (a.texts.get(p) === text) continue;
    if (!b.asResource.has(p) || b.otherwise.has(p) || !a.asResource.has(p) || a.otherwise.has(p)) return false;
  }
  return true;
}

/**
 * The build of a unit evaluated again, with the objects of the files its last evaluation read
 * as `resources:` entries only, and the edit left alone, read from their headers (their ids):
 * `keeps` takes their built files from that evaluation, so only the edited files' objects are
 * copied and transformed (four units over argo-cd's bases copied 10 MB per edit). Undefined when
 * that does not hold for this build: a JSON patch failed (it may need a body), it copied values
 * between objects, its ids or reads changed, or a header file's built file is not there to keep.
 */
function fromHeaders(
  previous: BuiltUnit,
  read: SourceFs,
  dir: string,
  cache: Map<string, unknown>,
  file: (path: string) => SourceFile | undefined,
  reusable: (home: string, homeOnly: boolean) => boolean,
): BuildResult | undefined {
  const was = previous.reads;
  if (!was || was.crossObject) return undefined;
  const headers = (p: string, text: string) =>
    was.asResource.has(p) && !was.otherwise.has(p) && was.texts.get(p) === text ? () => indexedHeaders(file(p), text) : undefined;
  const result = buildKustomization({ ...read, headers }, dir, { cache, crdHeaders: true });
  // A build refused for a missing file or an unmatched patch id fails alike on headers; a JSON patch on a body may not.
  const bodyFailed = result.findings.some((f) => f.severity === 'error' && (f.readsBody || readsBodies.has(f.code)));
  if (bodyFailed || !result.headersOnly || !keepsReads(was, result.reads)) return undefined;
  const seen = new Set<string>();
  for (const o of result.objects) {
    const home = o.root.src.path;
    const crd = o.kind === 'CustomResourceDefinition';
    const key = crd ? `${home}\u0000crd` : home;
    if (!result.headersOnly.has(home) || seen.has(key)) continue;
    if (!reusable(home, crd)) return undefined;
    seen.add(key);
  }
  return result;
}

/** A built file's resources into the unit's, with where they come from. */
function addFile(file: SourceFile, out: BuiltUnit, changes: (r: Resource) => Change[] | undefined): void {
  for (const r of file.resources) {
    out.resources.push(r);
    const c = changes(r);
    if (c) out.changes.set(r, c);
  }
  const segments = file.segments ?? [];
  out.realUris.set(
    file.uri,
    segments.map((s) => s.file.uri),
  );
  for (const s of segments) {
    const list = out.byUri.get(s.file.uri);
    if (list) list.push(...file.resources);
    else out.byUri.set(s.file.uri, [...file.resources]);
  }
}

function filesOf(b: BuiltUnit): Map<string, SourceFile> {
  const out = new Map<string, SourceFile>();
  for (const r of b.resources) out.set(r.file.uri, r.file);
  return out;
}

function sameSegments(a: readonly { file: SourceFile; base: number }[], b: readonly { file: SourceFile; base: number }[]): boolean {
  return a.length === b.length && a.every((s, i) => s.file === b[i]!.file && s.base === b[i]!.base);
}

/** A value of a built object that a transformer changed: where its text is, what it became, and why. */
export interface Change {
  key: string;
  value: string;
  path: string;
  span: Span;
  note: string;
}

/**
 * An evaluator finding as a `kustomize-build` problem of the file it is in (the kustomization
 * when it names no indexed file). podpath indexes YAML files only: a file of another kind
 * that a generator reads is "not found" to the evaluator, which is no reason to believe
 * kustomize would refuse the build, so that is an info.
 */
function problem(f: BuildFinding, dir: string, ws: IndexedFs, out: BuiltUnit): void {
  let file = ws.file(f.path);
  let span: Span = f.span;
  if (!file) {
    file = ws.file(kustomizationIn(dir, ws) ?? '');
    span = [0, 0];
  }
  if (!file) return;
  let severity = f.severity;
  // One short first sentence (the Problems panel cuts at its width), kustomize's own words after it.
  const said = `kustomize: ${f.message.replace(/\.$/, '')}.`;
  let message = said.length <= maxFirstSentence ? said : `Kustomize would refuse this build: fix the entry marked here. ${said}`;
  const named = file.text
    .slice(span[0], span[1])
    .replace(/^[-\s]*(path:\s*)?/, '')
    .replace(/["']/g, '');
  if (f.code === 'missing-file' && /\.[A-Za-z0-9]+$/.test(named) && !/\.ya?ml$/i.test(named)) {
    severity = 'info';
    message = fitFirst(
      `${named} is not YAML, so podpath left it out of this build.`,
      'A generator input is not YAML, so podpath left it out of this build.',
    );
    message += ` This unit is analysed without what it generates (podpath reads YAML files only).`;
  }
  const list = out.problems.get(file.uri);
  const p: FileProblem = { rule: 'kustomize-build', severity, message, span };
  if (list) list.push(p);
  else out.problems.set(file.uri, [p]);
}

function kustomizationIn(dir: string, ws: IndexedFs): string | undefined {
  const names = ws.names(dir) ?? [];
  const name = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].find((n) => names.includes(n));
  return name === undefined ? undefined : dir === '' ? name : `${dir}/${name}`;
}
