/**
 * Text measurement by estimate. The layout runs in node (CLI `trace --format svg`) and in
 * the browser, and both must produce the same picture, so we never ask a canvas or the
 * DOM: widths come from a per-character estimate tuned for the fonts in style.ts.
 */

/** Label font: the editor's monospace font, whose advance is ~0.6em in every common face. */
export const MONO_EM = 0.62;
/** Captions are uppercase sans-serif with letter spacing: wider than mono per char. */
export const CAPS_EM = 0.72;
/** Mixed-case sans-serif (titles, legend). */
export const SANS_EM = 0.6;

/** East Asian wide characters and emoji take two cells in monospace fonts. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    cp >= 0x20000
  );
}

/** Width in cells: 1 per ordinary character, 2 per wide one, 0 for combining marks. */
export function cells(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x300 && cp <= 0x36f) continue;
    n += isWide(cp) ? 2 : 1;
  }
  return n;
}

/** Estimated rendered width in px of `text` at `fontSize` with the given em-per-cell. */
export function textWidth(text: string, fontSize: number, em: number = MONO_EM): number {
  return Math.ceil(cells(text) * fontSize * em);
}

/** Shortens `text` to at most `maxCells` cells, ending with an ellipsis when cut. */
export function truncate(text: string, maxCells: number): string {
  if (cells(text) <= maxCells) return text;
  let out = '';
  let n = 0;
  for (const ch of text) {
    const w = cells(ch);
    if (n + w > maxCells - 1) break;
    out += ch;
    n += w;
  }
  return out + '…';
}

/**
 * Word-wraps `text` into at most `maxLines` lines of `maxCells` cells; the last line is
 * truncated with an ellipsis when text remains. Long words are hard-cut.
 */
export function wrap(text: string, maxCells: number, maxLines: number): string[] {
  const words = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const candidate = line === '' ? word : `${line} ${word}`;
    if (cells(candidate) <= maxCells) {
      line = candidate;
      continue;
    }
    if (lines.length === maxLines - 1) {
      // Last allowed line: take everything that is left and cut it below.
      line = [line, ...words.slice(i)].filter((w) => w !== '').join(' ');
      break;
    }
    if (line !== '') lines.push(line);
    line = word;
  }
  if (line !== '') lines.push(line);
  return lines.slice(0, maxLines).map((l) => truncate(l, maxCells));
}

/** Whitespace (newlines, tabs) collapses in SVG text anyway; normalise it so widths agree. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Word-wraps `text` into lines of at most `maxCells` cells without losing any of it: a word
 * longer than a line is split. Only past `maxLines` is the last line cut with an ellipsis.
 */
export function wrapAll(text: string, maxCells: number, maxLines: number): string[] {
  const pieces: string[] = [];
  for (const word of oneLine(text).split(' ')) {
    if (word === '') continue;
    let rest = word;
    while (cells(rest) > maxCells) {
      let cut = '';
      for (const ch of rest) {
        if (cells(cut + ch) > maxCells) break;
        cut += ch;
      }
      pieces.push(cut);
      rest = rest.slice(cut.length);
    }
    pieces.push(rest);
  }
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines[lines.length - 1];
    if (last !== undefined && cells(`${last} ${piece}`) <= maxCells) lines[lines.length - 1] = `${last} ${piece}`;
    else lines.push(piece);
  }
  if (lines.length <= maxLines) return lines.length ? lines : [''];
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, maxCells);
  return kept;
}
