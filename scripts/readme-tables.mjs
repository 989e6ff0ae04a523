// The README's settings and rules tables, written by gen-manifest.mjs from the same data as
// package.json's `contributes`, between `<!-- name:start -->` and `<!-- name:end -->` markers.

// `#files.exclude#` is a link on VS Code's Settings page; in the README, a code span.
const cell = (s) =>
  String(s)
    .replace(/`?#([\w.]+)#`?/g, '`$1`')
    .replace(/\|/g, '\\|')
    .replace(/\n+/g, ' ');

/** `| setting | default | what |` for every setting but the per-rule ones. */
export function settingsTable(properties) {
  const rows = Object.entries(properties)
    .filter(([k]) => !k.startsWith('podpath.rules.'))
    .map(([k, p]) => `| \`${k}\` | \`${JSON.stringify(p.default)}\` | ${cell(p.markdownDescription ?? p.description)} |`);
  return ['| Setting | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}

/** `| rule | default severity | reports |`, each rule linked to its page. */
export function rulesTable(metas) {
  const rows = metas.map(
    (m) => `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.severityNote ? `${m.severity}*` : m.severity} | ${cell(m.description)} |`,
  );
  return ['| Rule | Severity | Reports |', '|---|---|---|', ...rows].join('\n');
}

/** `text` with each named block replaced; throws when a marker is missing. */
export function fillBlocks(text, blocks) {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md lacks the <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
    out = out.replace(re, (_, a, b) => `${a}${body}\n${b}`);
  }
  return out;
}
