/**
 * Text for a terminal: names and values come from the user's YAML, and a control character
 * in them (ESC, a newline) must neither drive the terminal nor split a one-line finding.
 */
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** `s` with every C0/C1 control character written as a visible escape (`\x1b`, `\n`). */
export function printable(s: string): string {
  return s.replace(controls, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
