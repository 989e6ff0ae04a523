/**
 * Reports written piece by piece: a report of 5,000 findings × their related places is more
 * than one JavaScript string may hold ("Invalid string length"), and building it whole costs
 * its size again in memory. The output is the same bytes `JSON.stringify(x, null, 2)` gives.
 */

export type Write = (s: string) => void;

/** Pieces gathered into chunks of about 1 MB before they are written. */
export function buffered(write: Write): { write: Write; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length) write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (s) => {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 20) flush();
    },
    flush,
  };
}

/**
 * `JSON.stringify(skeleton, null, 2) + '\n'` where the value `marker` (a string in the
 * skeleton) stands for the array `items`, which is written one item at a time.
 */
export function writeJsonWithArray(skeleton: unknown, marker: string, items: Iterable<unknown>, write: Write): void {
  const text = JSON.stringify(skeleton, null, 2);
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0];
  const inner = `${indent}  `;
  const out = buffered(write);
  out.write(`${text.slice(0, at)}[`);
  let first = true;
  for (const item of items) {
    out.write(`${first ? '\n' : ',\n'}${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`)}`);
    first = false;
  }
  out.write(first ? ']' : `\n${indent}]`);
  out.write(`${text.slice(at + quoted.length)}\n`);
  out.flush();
}

/** What a writer function writes, as one string (tests, and callers that want a string). */
export function collect(run: (write: Write) => void): string {
  const parts: string[] = [];
  run((s) => parts.push(s));
  return parts.join('');
}
