/**
 * Service references by DNS name in env values, args, command and ConfigMap data
 * (rules.md, "DNS references to Services"). Fully qualified names (`svc.ns.svc[.domain]`)
 * are found anywhere in a value; short names (`svc`, `svc.ns`) only when the whole value
 * is a host (with optional scheme, port and path), and they count only if such a Service
 * exists — that is decided when links resolve, not here.
 */
import type { DnsRef } from '../model/resource';
import { get, getSeq, isMap, isScalar, type YMap, type YNode, type YScalar } from '../model/ytree';

const label = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regexes for one cluster domain, built once per domain. */
interface Matchers {
  fqdn: RegExp;
  whole: RegExp;
}
const cache = new Map<string, Matchers>();

function matchers(clusterDomain: string): Matchers {
  let m = cache.get(clusterDomain);
  if (!m) {
    m = {
      // `[pod.]svc.ns.svc[.domain][.]` with an optional `:port`; not part of a longer name.
      fqdn: new RegExp(`(?<![-a-z0-9.])((?:${label}\\.)*?)(${label})\\.(${label})\\.svc(?:\\.${escapeRe(clusterDomain)})?\\.?(?![-a-z0-9.])(?::([0-9]{1,5}))?(?![0-9])`, 'gi'),
      whole: new RegExp(`^(?:[a-z][a-z0-9+.-]*://)?(${label})(?:\\.(${label}))?(?::([0-9]{1,5}))?(?:/[^\\s]*)?$`, 'i'),
    };
    cache.set(clusterDomain, m);
  }
  return m;
}

/**
 * References in one text. `base` is the file offset of the text's first character when
 * source and value line up (plain or quoted on one line); otherwise (block scalars,
 * escapes) spans fall back to the whole scalar.
 */
export function dnsRefsIn(text: string, base: number | undefined, scalar: YScalar, ownNamespace: string, where: string, clusterDomain: string): DnsRef[] {
  const out: DnsRef[] = [];
  if (text.length > 100_000 || !/[a-z]/i.test(text)) return out;
  const { fqdn, whole } = matchers(clusterDomain);
  const spanOf = (from: number, len: number): [number, number] => (base === undefined ? [scalar.span[0], scalar.span[1]] : [base + from, base + from + len]);
  let found = false;
  if (text.includes('.svc')) {
    fqdn.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = fqdn.exec(text)) !== null) {
      const [all, podPart = '', svc = '', ns = '', port] = m;
      const hostStart = m.index + podPart.length;
      const hostLen = all.length - podPart.length - (port !== undefined ? port.length + 1 : 0);
      out.push({
        service: svc.toLowerCase(),
        namespace: ns.toLowerCase(),
        qualified: true,
        port: port !== undefined ? Number(port) : undefined,
        span: spanOf(hostStart, all.length - podPart.length),
        portSpan: port !== undefined ? spanOf(hostStart + hostLen + 1, port.length) : undefined,
        text,
        where,
      });
      found = true;
    }
  }
  if (!found) {
    const trimmed = text.trim();
    const w = whole.exec(trimmed);
    if (w) {
      const [, svc = '', ns, port] = w;
      const lead = text.indexOf(trimmed);
      const hostAt = lead + trimmed.indexOf(svc, trimmed.indexOf('://') >= 0 ? trimmed.indexOf('://') + 3 : 0);
      const hostLen = svc.length + (ns !== undefined ? ns.length + 1 : 0);
      const portAt = port !== undefined ? hostAt + hostLen + 1 : -1;
      out.push({
        service: svc.toLowerCase(),
        namespace: (ns ?? ownNamespace).toLowerCase(),
        qualified: false,
        port: port !== undefined ? Number(port) : undefined,
        span: spanOf(hostAt, hostLen + (port !== undefined ? port.length + 1 : 0)),
        portSpan: port !== undefined ? spanOf(portAt, port.length) : undefined,
        text,
        where,
      });
    }
  }
  return out;
}

/** File offset of the scalar's first text character when source and value line up. */
function locate(text: string, scalar: YScalar, fileText: string): number | undefined {
  const [start, end] = scalar.span;
  const raw = fileText.slice(start, end);
  if (raw === text) return start;
  if (scalar.quoted && raw.length === text.length + 2 && raw.slice(1, -1) === text) return start + 1;
  return undefined;
}

/** Candidate references in a container's env values, args and command. */
export function containerDnsRefs(c: YMap, ownNamespace: string, clusterDomain: string, fileText: string): DnsRef[] {
  const out: DnsRef[] = [];
  const nameNode = get(c, 'name');
  const cname = isScalar(nameNode) ? String(nameNode.value) : '';
  for (const e of getSeq(c, 'env')) {
    const v = get(e, 'value');
    const n = get(e, 'name');
    if (isScalar(v) && typeof v.value === 'string') {
      out.push(...dnsRefsIn(v.value, locate(v.value, v, fileText), v, ownNamespace, `env ${isScalar(n) ? String(n.value) : '?'} of container ${cname}`, clusterDomain));
    }
  }
  for (const key of ['args', 'command'] as const) {
    for (const a of getSeq(c, key)) {
      if (!isScalar(a) || typeof a.value !== 'string') continue;
      const where = `${key} of container ${cname}`;
      const base = locate(a.value, a, fileText);
      const refs = dnsRefsIn(a.value, base, a, ownNamespace, where, clusterDomain);
      const eq = a.value.indexOf('=');
      if (refs.length === 0 && a.value.startsWith('-') && eq > 0) {
        // `--backend=http://api:8080`: the value after `=` may be a whole host.
        const tail = a.value.slice(eq + 1);
        for (const r of dnsRefsIn(tail, base === undefined ? undefined : base + eq + 1, a, ownNamespace, where, clusterDomain)) out.push({ ...r, text: a.value });
      } else out.push(...refs);
    }
  }
  return out;
}

/** Candidate references in a ConfigMap's data values. */
export function configMapDnsRefs(root: YMap, ownNamespace: string, clusterDomain: string, fileText: string): DnsRef[] {
  const out: DnsRef[] = [];
  const data: YNode | undefined = get(root, 'data');
  if (!isMap(data)) return out;
  for (const [k, p] of data.pairs) {
    const v = p.value;
    if (isScalar(v) && typeof v.value === 'string') out.push(...dnsRefsIn(v.value, locate(v.value, v, fileText), v, ownNamespace, `ConfigMap data key ${k}`, clusterDomain));
  }
  return out;
}
