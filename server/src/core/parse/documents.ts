/**
 * Splitting a file into YAML documents the way kubectl does: a line that starts with
 * `---` ends one document and starts the next, before any parsing, so one broken document
 * never hides the others in its file.
 */

export interface DocChunk {
  /** File offset where the chunk's text starts. */
  start: number;
  text: string;
  /** Only its apiVersion, kind and metadata are wanted (a reader that builds headers may stop there). */
  header?: true;
}

const separator = /^---(?:[ \t].*)?$/gm;

/** Cut a file's text into document chunks at `---` lines. Empty chunks are dropped. */
export function splitDocuments(text: string): DocChunk[] {
  const chunks: DocChunk[] = [];
  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  separator.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = separator.exec(text)) !== null) {
    pushChunk(chunks, text, from, m.index);
    // The separator line may carry content after `--- ` (e.g. `--- !tag` or a flow map);
    // keep it in the next chunk by starting right after the dashes.
    from = m.index + 3;
    if (m[0].length === 0) separator.lastIndex++;
  }
  pushChunk(chunks, text, from, text.length);
  return chunks;
}

/** The chunks of the file parsed last (see documentsOf). */
let last: { file: object; chunks: readonly DocChunk[] } | undefined;

/** Note `chunks` as those of `file`'s text (its parser split it so). */
export function rememberDocuments(file: object, chunks: readonly DocChunk[]): void {
  last = { file, chunks };
}

/**
 * The chunks of a file's text: those noted when it was parsed if it is the file parsed last
 * (the one being edited, whose old version an edit compares with: a 2 MB file is split in
 * about a millisecond), else split again.
 */
export function documentsOf(file: { text: string }): readonly DocChunk[] {
  return last?.file === file ? last.chunks : splitDocuments(file.text);
}

function pushChunk(chunks: DocChunk[], text: string, start: number, end: number): void {
  const slice = text.slice(start, end);
  if (/[^\s]/.test(slice) && !isOnlyComments(slice)) chunks.push({ start, text: slice });
}

function isOnlyComments(s: string): boolean {
  // Line by line up to the first content line (usually the first): no split of a large chunk.
  for (let from = 0; from < s.length;) {
    let to = s.indexOf('\n', from);
    if (to < 0) to = s.length;
    const t = s.slice(from, to).trim();
    if (t !== '' && !t.startsWith('#') && t !== '...') return false;
    from = to + 1;
  }
  return true;
}

/** Top-level `kind:` and `apiVersion:` read from a chunk's text without parsing it. */
export interface Sniff {
  kind?: string;
  apiVersion?: string;
}

const topKind = /^kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(?:#.*)?$/m;
const topApiVersion = /^apiVersion:[ \t]*["']?([A-Za-z0-9./-]+)["']?[ \t]*(?:#.*)?$/m;

/** Cheaply read a chunk's kind and apiVersion from its top-level lines, if plainly written. */
export function sniff(text: string): Sniff {
  const k = topKind.exec(text);
  const a = topApiVersion.exec(text);
  return { kind: k?.[1], apiVersion: a?.[1] };
}
