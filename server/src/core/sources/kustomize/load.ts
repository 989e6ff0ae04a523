/** Reading the workspace for the evaluator: paths kept inside the root, YAML files parsed once into trees. */
import { parseDocument } from 'yaml';
import type { Span, YMap, YNode, YPair } from '../../model/ytree';
import { excessiveAliasing } from '../../parse/aliases';
import { blockTree } from '../../parse/blockTree';
import { maxNesting, tooDeepAt } from '../../parse/depth';
import { sniff, splitDocuments, type DocChunk } from '../../parse/documents';
import { toTree } from '../../parse/toTree';
import type { BuildFinding, SourceFs } from './types';

/** `rel` joined to folder `dir`, normalised; undefined when it leaves the workspace root (or is absolute). */
export function joinPath(dir: string, rel: string): string | undefined {
  if (rel.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(rel)) return undefined;
  const parts = dir === '' ? [] : dir.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (seg !== '' && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A remote resource: a URL or a `github.com/…` style git path. */
export function isRemote(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || /^(git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(p) || /\?ref=/.test(p);
}

export interface ParsedFile {
  docs: YNode[];
  /** Some documents are their headers only (see crdHeader). */
  headers?: true;
  /** The first syntax error: where and what. */
  error?: { span: Span; message: string };
}

/** The files and folders a build reads, each recorded in `inputs`; parsed files shared through `cache`. */
export class Reader {
  readonly inputs = new Set<string>();
  /** A file read had documents read from their headers only. */
  headersRead = false;
  /** The files whose every object was read from its header (SourceFs.headers). */
  readonly headersOnly = new Set<string>();
  /** Each file is read once per build: its text (undefined: none). */
  readonly texts = new Map<string, string | undefined>();
  /** The files read as `resources:` entries, and those read otherwise (a kustomization, a patch, a generator's input). */
  readonly asResource = new Set<string>();
  readonly otherwise = new Set<string>();
  /** What each folder asked about held (isDir: whether it is one; list: its names). */
  readonly dirs = new Map<string, string>();

  constructor(
    readonly fs: SourceFs,
    private readonly cache: Map<string, unknown> = new Map(),
    private readonly crdHeaders = false,
  ) {}

  text(path: string, asResource = false): string | undefined {
    this.inputs.add(path);
    (asResource ? this.asResource : this.otherwise).add(path);
    if (this.texts.has(path)) return this.texts.get(path);
    const t = this.fs.read(path);
    this.texts.set(path, t);
    return t;
  }

  isDir(path: string): boolean {
    this.inputs.add(path);
    const is = this.fs.isDir(path);
    this.dirs.set(`?${path}`, is ? 'y' : 'n');
    return is;
  }

  list(dir: string): string[] | undefined {
    this.inputs.add(dir);
    const names = this.fs.list(dir);
    // As a set: a folder's names come in the order the index met them, which an edit may change.
    this.dirs.set(`/${dir}`, names ? [...names].sort().join('/') : '-');
    return names;
  }

  /** The parsed documents of a YAML file, or undefined when it does not exist. */
  yaml(path: string, asResource = false): ParsedFile | undefined {
    const text = this.text(path, asResource);
    if (text === undefined) return undefined;
    const headers = asResource ? this.fs.headers?.(path, text) : undefined;
    if (headers) {
      const parsed = this.parse(`${path}\u0000headers`, text, headers);
      if (parsed) {
        this.headersOnly.add(path);
        return parsed;
      }
    }
    return this.parse(path, text);
  }

  /**
   * Parse a text (a file's, or an inline patch's under a key of its own), reusing the parse of
   * the same text; with `parts`, of the documents it makes (undefined when it makes none).
   */
  parse(key: string, text: string): ParsedFile;
  parse(key: string, text: string, parts: () => (DocChunk | YNode)[] | undefined): ParsedFile | undefined;
  parse(key: string, text: string, parts?: () => (DocChunk | YNode)[] | undefined): ParsedFile | undefined {
    const had = this.cache.get(key) as { text: string; parsed: ParsedFile } | undefined;
    let parsed: ParsedFile;
    if (had && had.text === text) parsed = had.parsed;
    else {
      const trees = parts ? parts() : this.fs.trees?.(key, text);
      if (parts && !trees) return undefined;
      parsed = trees ? parseParts(trees, this.crdHeaders) : parseYaml(text, this.crdHeaders);
      this.cache.set(key, { text, parsed });
    }
    if (parsed.headers) this.headersRead = true;
    return parsed;
  }

  /** The kustomization file of a folder: its path, or undefined; several is kustomize's error. */
  kustomizationFile(dir: string, findings: BuildFinding[], at: { path: string; span: Span }): string | undefined {
    const names = this.list(dir) ?? [];
    const found = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].filter((n) => names.includes(n));
    if (found.length > 1) {
      findings.push({
        severity: 'error',
        code: 'multiple-kustomizations',
        message: `Found multiple kustomization files under: ${dir || '.'}`,
        ...at,
      });
    }
    return found[0] === undefined ? undefined : joinPath(dir, found[0]);
  }
}

const headerKey = /^(apiVersion|kind|metadata):/;

/**
 * A CustomResourceDefinition's tree (or with `anyKind` any document's) with only its top-level
 * apiVersion, kind and metadata (each block parsed where it is, so every span is the file's);
 * undefined when the chunk is no plainly written CRD or a block is beyond the fast parser (the
 * whole chunk is parsed), or it has no metadata (unless `metadata` is false: a typed List's).
 */
export function crdHeader(chunk: DocChunk, anyKind = false, metadata = true): YMap | undefined {
  if (!anyKind && sniff(chunk.text).kind !== 'CustomResourceDefinition') return undefined;
  const text = chunk.text;
  const pairs = new Map<string, YPair>();
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(at);
    // A line at column 0 that is no comment, no sequence item and not blank starts a top-level key.
    const top = at < end && c !== 32 && c !== 9 && c !== 35 && c !== 45 && c !== 13;
    if (top && !headerKey.test(text.slice(at, Math.min(end, at + 12)))) {
      if (text.charCodeAt(at) === 123 || text.charCodeAt(at) === 91) return undefined; // a flow document
    } else if (top) {
      // The key's block: to the next line that starts another top-level key.
      let stop = end;
      while (stop < text.length) {
        const next = stop + 1;
        const d = text.charCodeAt(next);
        if (next < text.length && d !== 32 && d !== 9 && d !== 35 && d !== 45 && d !== 10 && d !== 13) break;
        const e = text.indexOf('\n', next);
        stop = e < 0 ? text.length : e;
      }
      const tree = blockTree(text.slice(at, Math.min(stop + 1, text.length)), chunk.start + at);
      if (!tree) return undefined;
      for (const [k, p] of tree.pairs) pairs.set(k, p);
      at = stop + 1;
      continue;
    }
    at = end + 1;
  }
  if (!pairs.has('kind') || (metadata && !pairs.has('metadata'))) return undefined;
  return { t: 'map', pairs, span: [chunk.start, chunk.start + text.length] };
}

/** Every document of a YAML text as a tree; empty documents are dropped, a broken one ends the file (kustomize refuses it). */
export function parseYaml(text: string, crdHeaders = false): ParsedFile {
  return parseParts(splitDocuments(text), crdHeaders);
}

/** A file's documents, of which some are trees already (the index's, see SourceFs.trees) and the others chunks of text to parse. */
export function parseParts(parts: Iterable<DocChunk | YNode>, crdHeaders = false): ParsedFile {
  const docs: YNode[] = [];
  let headers = false;
  for (const chunk of parts) {
    if ('t' in chunk) {
      docs.push(chunk);
      continue;
    }
    const header = crdHeaders ? crdHeader(chunk, chunk.header) : undefined;
    if (header) {
      docs.push(header);
      headers = true;
      continue;
    }
    const fast = blockTree(chunk.text, chunk.start);
    if (fast) {
      const bomb = chunk.text.includes('*') ? excessiveAliasing(fast) : undefined;
      if (bomb) return { docs, error: { span: [chunk.start, chunk.start + 1], message: bomb } };
      docs.push(fast);
      continue;
    }
    // The same guards as the index's parser: too deep to walk, or an alias bomb kubectl rejects.
    const deep = tooDeepAt(chunk.text);
    if (deep >= 0)
      return {
        docs,
        error: {
          span: [chunk.start + deep, chunk.start + deep + 1],
          message: `the document is nested too deeply (over ${maxNesting} levels)`,
        },
      };
    try {
      const doc = parseDocument(chunk.text, { prettyErrors: false, merge: true, keepSourceTokens: false, uniqueKeys: true, strict: false });
      const err = doc.errors[0];
      if (err)
        return {
          docs,
          error: { span: [chunk.start + err.pos[0], chunk.start + err.pos[1]], message: err.message.split('\n')[0] ?? err.message },
        };
      const tree = toTree(doc, chunk.start);
      const bomb = tree && chunk.text.includes('*') ? excessiveAliasing(tree) : undefined;
      if (bomb) return { docs, error: { span: [chunk.start, chunk.start + 1], message: bomb } };
      if (tree) docs.push(tree);
    } catch (e) {
      return {
        docs,
        error: { span: [chunk.start, chunk.start + 1], message: e instanceof RangeError ? 'the document is nested too deeply' : String(e) },
      };
    }
  }
  return headers ? { docs, headers } : { docs };
}
