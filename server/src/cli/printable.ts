/**
 * Text for a terminal or a CI log: names and values come from the user's YAML and file
 * names, and none of them may drive the terminal (ESC), split a one-line finding (a
 * newline), reorder what is shown (bidi overrides), hide in plain sight (zero-width
 * characters), or start a GitHub Actions workflow command (a line beginning with `::`).
 */
const hidden = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * `s` with every C0/C1 control character written as a visible escape (`\x1b`, `\n`), and
 * bidi controls and zero-width characters as `\u{202e}`.
 */
export function printable(s: string): string {
  return s.replace(hidden, (c) => {
    const n = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}

/** Lines of text output: none starts with `::` (a workflow command in a GitHub Actions log); its first `:` is escaped. */
export function safeLines(text: string): string {
  return text.replace(/^::/gm, '\\x3a:');
}

/** One line for stderr: `printable`, and never a workflow command. */
export function stderrLine(s: string): string {
  return safeLines(printable(s));
}
