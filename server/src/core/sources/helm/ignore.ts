/**
 * .helmignore as Helm's ignore package reads it: one glob per line (path.Match syntax), '#'
 * comments, '!' negation, a trailing '/' for directories only, a leading '/' anchors to the
 * chart root, and patterns without '/' match the base name at any depth.
 */

interface Rule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
  base: boolean;
}

function globToRegExp(g: string): RegExp {
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = g.indexOf(']', i + 1);
      if (j < 0) re += '\\[';
      else {
        re +=
          '[' +
          g
            .slice(i + 1, j)
            .replace(/^\^/, '!')
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = j;
      }
    } else if (c === '\\' && i + 1 < g.length) re += '\\' + g[++i];
    else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** A predicate: is this chart-relative file path ignored? */
export function helmIgnore(text: string): (path: string) => boolean {
  const rules: Rule[] = [{ re: /^templates\/\.?$/, negate: false, dirOnly: false, base: false }];
  rules.length = 0;
  for (let line of text.split(/\r?\n/)) {
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line.startsWith('/')) line = line.slice(1);
    if (!line) continue;
    rules.push({ re: globToRegExp(line), negate, dirOnly, base: !line.includes('/') });
  }
  if (!rules.length) return () => false;
  return (path: string) => {
    // A file is ignored when it or one of its parent folders matches.
    const parts = path.split('/');
    for (let depth = 1; depth <= parts.length; depth++) {
      const sub = parts.slice(0, depth).join('/');
      const isDir = depth < parts.length;
      let ignored = false;
      for (const r of rules) {
        if (r.dirOnly && !isDir) continue;
        const target = r.base ? parts[depth - 1]! : sub;
        if (r.re.test(target)) ignored = !r.negate;
      }
      if (ignored) return true;
    }
    return false;
  };
}
