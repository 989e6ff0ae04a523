/**
 * The kustomize evaluator's interface: a kustomization folder in, the objects
 * `kubectl kustomize` (kustomize v5.5.0) would print out, each value with its provenance.
 *
 *   buildKustomization(fs: SourceFs, dir: string, options?: BuildOptions): BuildResult
 *
 * - `fs` is a read-only view of the workspace over workspace-relative POSIX paths ('' is the
 *   root). The evaluator never reads outside it: a path that leaves the root is a finding.
 *   It never runs anything (no plugins, no exec, no network): remote bases, `helmCharts`,
 *   plugin transformers and generators are info findings on the line that uses them, and
 *   the build goes on without them.
 * - `objects` are in kustomize's output order (legacy sort), each a tree of `BNode`s. Every
 *   scalar, map key, map and sequence carries `src`: the file and span of the text that
 *   produced it (a base line, a patch line, or the kustomization line that set a namespace,
 *   a label, a replica count, an image, a generated name), and `note` when a transformer
 *   changed a value that came from elsewhere ("namePrefix prod- from overlays/prod/kustomization.yaml:5").
 *   The nodes are structurally `YNode`s (model/ytree.ts) whose `span`s point into `src.path`:
 *   the model's readers (get, getStr, strMap…) work on them as they are, but spans of one
 *   object may be in several files, so a search by offset (pathAt) must also compare `src.path`.
 * - `findings` are kustomize's own errors (kustomize refuses the build: `failed` is true) and
 *   infos about what the evaluator left out, each at a place in a file of the workspace.
 * - `inputs` is every path read (files, and folders listed), for incremental invalidation:
 *   the result stays valid until one of them changes (or a file appears in a folder listed).
 * - `failed`: kustomize would refuse the build (`kubectl apply -k` applies nothing); an
 *   error finding says why, and `objects` holds what could be built without the failing step.
 * - `options.cache` shares parsed files between builds (key: the path; an inline patch:
 *   `path#offset`; each entry keeps its text and is reparsed when the text differs).
 */
import type { Span, YNode } from '../../model/ytree';
import type { DocChunk } from '../../parse/documents';

export interface SourceFs {
  /** A file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** The names in a folder, or undefined when it is not a folder. */
  list(dir: string): string[] | undefined;
  isDir(path: string): boolean;
  /**
   * The documents of file `path` whose text is `text`, parsed already where the caller has
   * them (the index's trees): a tree each, or the chunk to parse; undefined to parse it all.
   */
  trees?(path: string, text: string): (DocChunk | YNode)[] | undefined;
  /**
   * For file `path` read as a `resources:` entry, a maker of its documents as their headers only
   * (apiVersion, kind, metadata; undefined when it cannot), or undefined to read them whole: for
   * a build whose objects of that file the caller takes from an earlier build (units/built.ts),
   * which needs only their ids here. The maker is called when no parse of the text is cached.
   */
  headers?(path: string, text: string): (() => (DocChunk | YNode)[] | undefined) | undefined;
}

/** Where a value's text is: a file of the workspace and the span in it. */
export interface Src {
  readonly path: string;
  readonly span: Span;
  /** Set when a transformer changed the value (the text at `span` is what it started from). */
  note?: string;
  /** The places (kustomization lines) of the transformers that changed it. */
  by?: Place[];
}

export interface Place {
  readonly path: string;
  readonly span: Span;
}

export interface BScalar {
  readonly t: 'scalar';
  value: string | number | boolean | null;
  quoted: boolean;
  span: Span;
  src: Src;
  /** The parsed node this one was copied from (nodes.ts: fromY), if any: a built tree that did not change it keeps it (units/built.ts). */
  orig?: YNode;
}

export interface BPair {
  readonly key: string;
  keySpan: Span;
  keySrc: Src;
  value: BNode | undefined;
}

export interface BMap {
  readonly t: 'map';
  readonly pairs: Map<string, BPair>;
  span: Span;
  src: Src;
  /** The parsed node this one was copied from (nodes.ts: fromY), if any: a built tree that did not change it keeps it (units/built.ts). */
  orig?: YNode;
}

export interface BSeq {
  readonly t: 'seq';
  items: BNode[];
  span: Span;
  src: Src;
  /** The parsed node this one was copied from (nodes.ts: fromY), if any: a built tree that did not change it keeps it (units/built.ts). */
  orig?: YNode;
}

export type BNode = BScalar | BMap | BSeq;

export interface BuiltObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** The namespace as written in the output (undefined: none set). */
  namespace: string | undefined;
  root: BMap;
}

export interface BuildFinding {
  severity: 'error' | 'warning' | 'info';
  /** A short stable code: 'missing-file', 'remote-base', 'patch-no-target', … */
  code: string;
  message: string;
  path: string;
  span: Span;
  /** The step read an object's body (a JSON patch operation): with documents read from their headers, it may be what was left out. */
  readsBody?: true;
}

export interface BuildResult {
  objects: BuiltObject[];
  findings: BuildFinding[];
  inputs: Set<string>;
  /** kustomize would refuse this build (an error finding says why); `objects` is what could be built. */
  failed: boolean;
  /** Some documents were read from their headers only (`BuildOptions.crdHeaders`). */
  headersRead?: boolean;
  /** The files whose objects were read from their headers only (`SourceFs.headers`): their objects are ids, not bodies. */
  headersOnly?: ReadonlySet<string>;
  /** What the build read, to tell what an edit can have changed of its objects (units/built.ts). */
  reads?: BuildReads;
}

export interface BuildReads {
  /** Each file read, with its text. */
  texts: ReadonlyMap<string, string | undefined>;
  /** Files read as `resources:` entries, and files read otherwise (kustomizations, patches, generators' inputs). */
  asResource: ReadonlySet<string>;
  otherwise: ReadonlySet<string>;
  /** What the folders asked about held. */
  dirs: ReadonlyMap<string, string>;
  /** A step copied values between objects (replacements, vars): an object may hold another's values. */
  crossObject: boolean;
  /** The ids of the objects, each with the ids it had before (a rename is seen by name references). */
  ids: string;
}

export interface BuildOptions {
  /** Parsed files shared between builds of one process (see above); entries check their text, so a stale one is only memory. */
  cache?: Map<string, unknown>;
  /**
   * Read only apiVersion, kind and metadata of each CustomResourceDefinition (most of a real
   * repository's bytes, and no part of a traffic path), and of each document `SourceFs.trees`
   * marks `header`. The caller builds again without it when the build fails at a step that
   * reads bodies (`headersRead`), and must not share `cache` between the two modes.
   */
  crdHeaders?: boolean;
}
