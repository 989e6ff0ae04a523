/**
 * Quick fixes: the fixes each finding carries, and for every rule "Ignore <rule> here"
 * (a `# podpath-ignore <rule>` comment on the line above, at that line's indentation,
 * merged into an ignore comment already there) and "Ignore <rule> in this file".
 */
import type { TextEditSpec } from '../model/finding';
import type { SourceFile } from '../model/resource';
import { nodePathAt } from './cursor';
import type { Diagnostic } from './diagnostics';

export interface Action {
  title: string;
  preferred: boolean;
  edits: TextEditSpec[];
  /** The diagnostic the action fixes. */
  diagnostic: Diagnostic;
}

/** The quick fixes for some diagnostics of a file. */
export function codeActionsFor(file: SourceFile, diagnostics: readonly Diagnostic[]): Action[] {
  const out: Action[] = [];
  for (const d of diagnostics) {
    for (const f of d.fixes) out.push({ title: f.title, preferred: f.preferred === true, edits: f.edits, diagnostic: d });
  }
  const ignored = new Set<string>();
  for (const d of diagnostics) {
    const key = `${d.rule}@${lineStartOf(file, d.span[0])}`;
    if (ignored.has(key)) continue;
    ignored.add(key);
    // Inside a block scalar (a ConfigMap's `config.json: |`) a `#` line is data, not a comment.
    if (!insideMultilineScalar(file, d))
      out.push({ title: `Ignore ${d.rule} here`, preferred: false, edits: [ignoreHere(file, d)], diagnostic: d });
    out.push({ title: `Ignore ${d.rule} in this file`, preferred: false, edits: [ignoreInFile(file, d.rule)], diagnostic: d });
  }
  return out;
}

/** Whether the diagnostic's line is a continuation line of a scalar that starts on an earlier line. */
function insideMultilineScalar(file: SourceFile, d: Diagnostic): boolean {
  const root = d.resource?.root;
  if (!root) return false;
  const node = nodePathAt(root, d.span[0]).nodes.at(-1);
  return node?.t === 'scalar' && node.span[0] < lineStartOf(file, d.span[0]);
}

function lineStartOf(file: SourceFile, offset: number): number {
  return file.text.lastIndexOf('\n', offset - 1) + 1;
}

function eolOf(file: SourceFile): string {
  return file.text.includes('\r\n') ? '\r\n' : '\n';
}

/** `# podpath-ignore <rule>` above the diagnostic's line, or the rule added to an ignore comment there. */
export function ignoreHere(file: SourceFile, d: Diagnostic): TextEditSpec {
  const start = lineStartOf(file, d.span[0]);
  if (start > 0) {
    const prevStart = lineStartOf(file, start - 1);
    const prev = file.text.slice(prevStart, start - 1).replace(/\r$/, '');
    const m = /^([ \t]*#[ \t]*podpath-ignore[ \t]+)([-a-z0-9, \t]*?)[ \t]*$/.exec(prev);
    if (m) {
      const idsAt = prevStart + (m[1] ?? '').length;
      const ids = m[2] ?? '';
      return { file, span: [idsAt, idsAt + ids.length], newText: `${ids.replace(/[ \t,]+$/, '')},${d.rule}` };
    }
  }
  const indent = /^[ \t]*/.exec(file.text.slice(start))?.[0] ?? '';
  return { file, span: [start, start], newText: `${indent}# podpath-ignore ${d.rule}${eolOf(file)}` };
}

/** `# podpath-ignore-file <rule>` at the top of the file (after a BOM). */
export function ignoreInFile(file: SourceFile, rule: string): TextEditSpec {
  const at = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { file, span: [at, at], newText: `# podpath-ignore-file ${rule}${eolOf(file)}` };
}
