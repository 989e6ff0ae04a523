/** `# podpath-ignore <id>[,<id>…]` (next line) and `# podpath-ignore-file <id>` comments. */
import type { SourceFile } from '../model/resource';
import { computeLineStarts, lineOfOffset } from '../model/positions';

const comment = /#[ \t]*podpath-ignore(-file)?[ \t]+([-a-z0-9, \t]+)/g;

/** Fill the file's suppression tables from its comments. */
export function scanSuppressions(file: SourceFile): void {
  if (!file.text.includes('podpath-ignore')) return;
  file.lineStarts ??= computeLineStarts(file.text);
  comment.lastIndex = 0;
  let m: RegExpExecArray | null;
  const rules = new Set<string>();
  const lines = new Map<number, Set<string>>();
  while ((m = comment.exec(file.text)) !== null) {
    const ids = (m[2] ?? '').split(/[,\s]+/).filter(Boolean);
    if (m[1]) {
      for (const id of ids) rules.add(id);
      continue;
    }
    // The comment silences the line below it; a trailing comment silences its own line too.
    const line = lineOfOffset(file.lineStarts, m.index);
    const before = file.text.slice(file.lineStarts[line] ?? 0, m.index);
    for (const target of before.trim() === '' ? [line + 1] : [line, line + 1]) {
      let set = lines.get(target);
      if (!set) lines.set(target, (set = new Set()));
      for (const id of ids) set.add(id);
    }
  }
  if (rules.size) file.ignoredRules = rules;
  if (lines.size) file.ignoredLines = lines;
}
