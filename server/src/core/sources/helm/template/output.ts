/** What an execution writes (text and its provenance chunks), its caps and its errors. */

export type MissingKey = 'default' | 'zero' | 'error';

/** One stretch of output and where it came from. */
export interface Chunk {
  start: number;
  end: number;
  /** Template (parse) name, e.g. the file path. */
  template: string;
  /** Offsets in that template's text: the literal text, or the whole `{{ … }}` action. */
  src: [number, number];
  kind: 'text' | 'action';
  /** For an action whose value came unchanged from a map: the map and key. */
  from?: { map: object; key: string };
}

export interface Limits {
  maxDepth: number;
  maxOps: number;
  maxOutput: number;
}

export const defaultLimits: Limits = { maxDepth: 100000, maxOps: 50_000_000, maxOutput: 64 * 1024 * 1024 };

/** An execution error in Go's words, with where it happened. */
export class ExecError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly offset: number,
    readonly cause_?: unknown,
  ) {
    super(message);
  }
}

/** A cap was hit (depth, operations, output): a finding, never a hang. */
export class LimitError extends ExecError {}

export class Output {
  parts: string[] = [];
  len = 0;
  chunks: Chunk[] | null;
  constructor(track: boolean) {
    this.chunks = track ? [] : null;
  }
  text(): string {
    const s = this.parts.join('');
    this.parts = [s];
    return s;
  }
}
