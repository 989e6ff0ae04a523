/**
 * rules.md "Ingress and Gateway API": a rule `host` covered by none of the Ingress's TLS
 * hosts — that host is served over plain HTTP or with a certificate for another name.
 */
import { tlsHostCovers } from '../links/tlsHosts';
import type { Fix, TextEditSpec } from '../model/finding';
import type { IngressTls, SourceFile } from '../model/resource';
import { yamlScalar } from './edits';
import type { Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'ingress-tls-host-not-covered',
    severity: 'warning',
    description: "An Ingress rule's host is covered by none of its TLS entries' hosts.",
  },
  check(r, ctx) {
    const ing = r.ingress;
    if (!ing || ing.tls.length === 0) return;
    // A TLS entry without hosts takes the controller's wildcard: it may cover any host.
    if (ing.tls.some((t) => t.hosts.length === 0)) return;
    const tlsHosts = ing.tls.flatMap((t) => t.hosts.map((h) => h.value));
    const seen = new Set<string>();
    for (const rule of ing.rules) {
      const host = rule.host;
      if (!host || host.value === '' || tlsHosts.some((t) => tlsHostCovers(t, host.value))) continue;
      const fixes = seen.has(host.value.toLowerCase())
        ? []
        : ing.tls.flatMap((t) => addHostFix(r.file, t, host.value, ing.tls.length === 1));
      seen.add(host.value.toLowerCase());
      ctx.report({
        severity: 'warning',
        message: `Host ${host.value} is in no TLS entry: add it to the TLS hosts and the certificate. HTTPS requests for it get the wrong certificate or none (TLS hosts: ${tlsHosts.join(', ')}).`,
        span: host.span,
        related: ing.tls.map((t) => ({
          file: r.file,
          span: t.hosts[0]!.span,
          message: `TLS entry${t.secretName ? ` of Secret ${t.secretName.value}` : ''}: ${t.hosts.map((h) => h.value).join(', ')}`,
        })),
        fixes,
      });
    }
  },
};

/** "Add <host> to the TLS hosts" for one TLS entry, as a new item of its `hosts` list. */
function addHostFix(file: SourceFile, tls: IngressTls, host: string, preferred: boolean): Fix[] {
  const e = appendItem(file, tls.hosts[tls.hosts.length - 1]!.span, yamlScalar(host));
  if (!e) return [];
  return [{ title: `Add ${host} to TLS hosts${tls.secretName ? ` (${tls.secretName.value})` : ''}`, preferred, edits: [e] }];
}

/**
 * An edit that appends an item after the last item of a list: in a block list, a new
 * `- item` line at the dash's indentation (after any comment on the last line); in a flow
 * list, `, item` after the last item. Undefined when the layout is unusual.
 */
function appendItem(file: SourceFile, last: readonly [number, number], item: string): TextEditSpec | undefined {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', last[0] - 1) + 1;
  const before = text.slice(lineStart, last[0]);
  const dash = /^([ \t]*)-[ \t]+$/.exec(before);
  if (dash) {
    const nl = text.indexOf('\n', last[1]);
    let at = nl === -1 ? text.length : nl;
    if (text[at - 1] === '\r') at--;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { file, span: [at, at], newText: `${eol}${dash[1]}- ${item}` };
  }
  if (/[[,][ \t]*$/.test(before) || /^[ \t]*$/.test(before)) {
    // Flow list: the item is preceded by `[` or `,` (possibly on an earlier line).
    const prev = text.slice(0, last[0]).trimEnd();
    if (prev.endsWith('[') || prev.endsWith(',')) return { file, span: [last[1], last[1]], newText: `, ${item}` };
  }
  return undefined;
}
