/** Reading the workspace for the evaluator: paths kept inside the root, YAML files parsed once into trees. */
import { parseDocument } from 'yaml';
import type { Span, YNode } from '../../model/ytree';
import { excessiveAliasing } from '../../parse/aliases';
import { blockTree } from '../../parse/blockTree';
import { maxNesting, tooDeepAt } from '../../parse/depth';
import { splitDocuments } from '../../parse/documents';
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
  /** The first syntax error: where and what. */
  error?: { span: Span; message: string };
}

/** The files and folders a build reads, each recorded in `inputs`; parsed files shared through `cache`. */
export class Reader {
  readonly inputs = new Set<string>();
  /** Each file is read once per build. */
  private readonly texts = new Map<string, string | undefined>();

  constructor(
    readonly fs: SourceFs,
    private readonly cache: Map<string, unknown> = new Map(),
  ) {}

  text(path: string): string | undefined {
    this.inputs.add(path);
    if (this.texts.has(path)) return this.texts.get(path);
    const t = this.fs.read(path);
    this.texts.set(path, t);
    return t;
  }

  isDir(path: string): boolean {
    this.inputs.add(path);
    return this.fs.isDir(path);
  }

  list(dir: string): string[] | undefined {
    this.inputs.add(dir);
    return this.fs.list(dir);
  }

  /** The parsed documents of a YAML file, or undefined when it does not exist. */
  yaml(path: string): ParsedFile | undefined {
    const text = this.text(path);
    if (text === undefined) return undefined;
    return this.parse(path, text);
  }

  /** Parse a text (a file's, or an inline patch's under a key of its own), reusing the parse of the same text. */
  parse(key: string, text: string): ParsedFile {
    const had = this.cache.get(key) as { text: string; parsed: ParsedFile } | undefined;
    if (had && had.text === text) return had.parsed;
    const parsed = parseYaml(text);
    this.cache.set(key, { text, parsed });
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

/** Every document of a YAML text as a tree; empty documents are dropped, a broken one ends the file (kustomize refuses it). */
export function parseYaml(text: string): ParsedFile {
  const docs: YNode[] = [];
  for (const chunk of splitDocuments(text)) {
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
  return { docs };
}
