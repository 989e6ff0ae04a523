/**
 * The one way YAML text becomes YNode trees: documents split at `---` lines as kubectl
 * splits them, each read by the fast block reader (blockTree.ts) or, when it gives up, by
 * `yaml` made to read what go-yaml reads (yamlFallback.ts), behind the same guards —
 * nesting measured before `yaml` recurses, alias bombs judged as kubectl judges them — and
 * with the same findings: `yaml-syntax` for a document kubectl refuses, `yaml-duplicate-key`
 * for a key given twice (the document is kept, with the last value). Both readers give the
 * same tree and findings for every document the fast one takes; test/unit/blockTree.test.ts
 * holds them to it.
 */
import type { FileProblem } from '../model/resource';
import type { YNode } from '../model/ytree';
import { excessiveAliasing, firstAliasAt } from './aliases';
import { blockTree } from './blockTree';
import { splitDocuments, type DocChunk } from './documents';
import type { Duplicate } from './toTree';
import { readWithYaml } from './yamlFallback';

/** The findings a reader gives: they belong to the text of their document (reuse.ts carries them with it). */
export const readerRules: ReadonlySet<string> = new Set(['yaml-syntax', 'yaml-duplicate-key']);

export interface ReadOptions {
  /** The copy of each map key to keep (see ParseContext). */
  key?: (k: string) => string;
  /** False: `yaml` only, never the fast reader (the reference of the differential test). */
  fast?: boolean;
}

/** One document as read: its chunk, its tree (undefined when it cannot be read) and its findings. */
export interface ReadDocument extends DocChunk {
  root: YNode | undefined;
  problems: FileProblem[];
}

/** Every document of a file's text. */
export function readYamlDocuments(text: string, opts: ReadOptions = {}): { docs: ReadDocument[]; problems: FileProblem[] } {
  const docs = splitDocuments(text).map((chunk) => readDocument(chunk, opts));
  return { docs, problems: docs.flatMap((d) => d.problems) };
}

/** One document chunk. */
export function readDocument(chunk: DocChunk, opts: ReadOptions = {}): ReadDocument {
  const doc: ReadDocument = { start: chunk.start, text: chunk.text, root: undefined, problems: [] };
  let duplicates: Duplicate[] = [];
  let root: YNode | undefined = opts.fast === false ? undefined : blockTree(chunk.text, chunk.start, opts.key, duplicates);
  if (!root) {
    const read = readWithYaml(chunk.text, chunk.start, opts.key);
    if (read.error) {
      doc.problems.push(syntaxProblem(chunk, read.error.message, read.error.pos));
      return doc;
    }
    root = read.root;
    duplicates = read.duplicates;
  }
  const bomb = root && chunk.text.includes('*') ? excessiveAliasing(root) : undefined;
  if (bomb) {
    const at = firstAliasAt(chunk.text);
    doc.problems.push(syntaxProblem(chunk, bomb, [at, at + 1]));
    return doc;
  }
  for (const d of duplicates) doc.problems.push(duplicateProblem(d));
  doc.root = root;
  return doc;
}

/** A `yaml-syntax` finding at `pos` (chunk offsets). */
export function syntaxProblem(chunk: DocChunk, message: string, pos: readonly [number, number]): FileProblem {
  // An error at the end of the document (an unclosed `[` or `{`) belongs on its last content
  // line, not on the next document's `---` where the chunk's trailing newline ends.
  const content = chunk.text.trimEnd().length;
  const at = pos[0] >= content ? Math.max(content - 1, 0) : pos[0];
  const start = chunk.start + at;
  const end = chunk.start + Math.min(Math.max(pos[1], at + 1), content || chunk.text.length);
  const firstLine = message.split('\n')[0] ?? message;
  return { rule: 'yaml-syntax', severity: 'error', message: `YAML syntax error: ${firstLine}`, span: [start, end] };
}

function duplicateProblem(d: Duplicate): FileProblem {
  const key = JSON.stringify(d.key);
  return {
    rule: 'yaml-duplicate-key',
    severity: 'warning',
    message: `Key ${key} is given twice in this mapping: remove one of them. This value replaces the first; kubectl (v1.32) and Helm keep the last value, but kustomize (and so Argo CD and Flux builds) and some kubectl versions refuse the file: mapping key ${key} already defined.`,
    span: [d.second[0], d.second[1]],
    related: [{ span: [d.first[0], d.first[1]], message: `the first ${key}` }],
  };
}
