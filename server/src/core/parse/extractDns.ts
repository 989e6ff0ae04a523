/**
 * Service references by DNS name in env values, args, command and ConfigMap data
 * (rules.md, "DNS references to Services"). Fully qualified names
 * (`[pod.]svc.ns.svc[.<clusterDomain>]`) are found anywhere in a value; short names
 * (`svc`, `svc.ns`) only when the whole value is a host (with optional scheme, userinfo,
 * port and path), and they count only if such a Service exists — that is decided when
 * links resolve (links/network.ts `resolveDnsRef`), not here.
 */
import type { DnsRef } from '../model/resource';
import { get, getSeq, isMap, isScalar, type Span, type YMap, type YNode, type YScalar } from '../model/ytree';

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
    const domain = clusterDomain.replace(/^\.+|\.+$/g, '');
    m = {
      // `[pod.|_srv._proto.]svc.ns.svc[.domain][.]` with an optional `:port`; never part of a
      // longer name (so `a.b.svc.example.com` is not a reference), never a longer number.
      fqdn: new RegExp(
        `(?<![-a-z0-9._])((?:_?${label}\\.)*?)(${label})\\.(${label})\\.svc(?:\\.${escapeRe(domain)})?\\.?(?![-a-z0-9._])(?::([0-9]{1,5}))?(?![0-9])`,
        'gi',
      ),
      // The whole value is one host: `[scheme://][user[:pw]@]svc[.ns][:port][/path|?query|#frag]`.
      whole: new RegExp(`^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\\s]*@)?(${label})(?:\\.(${label}))?(?::([0-9]{1,5}))?(?:[/?#]\\S*)?$`, 'id'),
    };
    cache.set(clusterDomain, m);
  }
  return m;
}

/** Maps offsets in a scalar's value to file spans. */
type SpanMapper = (from: number, len: number) => Span;

/**
 * Value offsets → file offsets. Plain and simply quoted scalars line up with the source.
 * Otherwise (block scalars, folded lines, escapes) a piece of the value is found in the
 * scalar's source text: the k-th occurrence in the value is the k-th in the source when
 * both have as many. When even that fails, the whole scalar is the span.
 */
function spanMapper(value: string, scalar: YScalar, fileText: string): SpanMapper {
  const [start, end] = scalar.span;
  const raw = fileText.slice(start, end);
  let base: number | undefined;
  if (raw === value) base = start;
  else if (scalar.quoted && raw.length === value.length + 2 && raw.slice(1, -1) === value) base = start + 1;
  if (base !== undefined) {
    const b = base;
    return (from, len) => [b + from, b + from + len];
  }
  return (from, len) => {
    const needle = value.slice(from, from + len);
    const inValue = occurrences(value, needle);
    const inRaw = occurrences(raw, needle);
    const k = inValue.indexOf(from);
    const at = inValue.length === inRaw.length && k >= 0 ? inRaw[k] : undefined;
    return at === undefined ? [start, end] : [start + at, start + at + len];
  };
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** One reference found at [from, from+len) of a value, with the port's place in it. */
function makeRef(
  map: SpanMapper,
  from: number,
  hostLen: number,
  port: string | undefined,
  service: string,
  namespace: string,
  qualified: boolean,
  text: string,
  where: string,
): DnsRef {
  const len = hostLen + (port !== undefined ? port.length + 1 : 0);
  const span = map(from, len);
  // The port's span follows from the host's when that mapped precisely.
  const precise = span[1] - span[0] === len;
  return {
    service: service.toLowerCase(),
    namespace: namespace.toLowerCase(),
    qualified,
    port: port !== undefined ? Number(port) : undefined,
    span,
    portSpan: port === undefined ? undefined : precise ? [span[0] + hostLen + 1, span[1]] : span,
    text,
    where,
  };
}

/**
 * The candidate references in one value. `map` turns value offsets into file spans;
 * `offset` shifts the value inside the scalar (for the tail of `--flag=value`).
 */
function refsIn(
  value: string,
  map: SpanMapper,
  offset: number,
  ownNamespace: string,
  where: string,
  clusterDomain: string,
  text: string,
): DnsRef[] {
  const out: DnsRef[] = [];
  if (value.length > 100_000 || !/[a-z]/i.test(value)) return out;
  const { fqdn, whole } = matchers(clusterDomain);
  if (/\.svc/i.test(value)) {
    fqdn.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = fqdn.exec(value)) !== null) {
      const [all, podPart = '', svc = '', ns = '', port] = m;
      const hostLen = all.length - podPart.length - (port !== undefined ? port.length + 1 : 0);
      out.push(makeRef(map, offset + m.index + podPart.length, hostLen, port, svc, ns, true, text, where));
    }
    if (out.length > 0) return out;
  }
  const lead = value.length - value.trimStart().length;
  const w = whole.exec(value.trim());
  const at = w?.indices?.[1];
  if (w && at) {
    const [, svc = '', ns, port] = w;
    const hostLen = svc.length + (ns !== undefined ? ns.length + 1 : 0);
    out.push(makeRef(map, offset + lead + at[0], hostLen, port, svc, ns ?? ownNamespace, false, text, where));
  }
  return out;
}

/**
 * References in one scalar's text. Exported for tests and for callers with other sources
 * of text; `fileText` is the text of the file the scalar is in.
 */
export function dnsRefsInScalar(scalar: YScalar, fileText: string, ownNamespace: string, where: string, clusterDomain: string): DnsRef[] {
  if (typeof scalar.value !== 'string') return [];
  const value = scalar.value;
  return refsIn(value, spanMapper(value, scalar, fileText), 0, ownNamespace, where, clusterDomain, value);
}

/** References in a command-line argument; `--flag=<value>` is read as its value too. */
function argRefs(scalar: YScalar, fileText: string, ownNamespace: string, where: string, clusterDomain: string): DnsRef[] {
  if (typeof scalar.value !== 'string') return [];
  const value = scalar.value;
  const map = spanMapper(value, scalar, fileText);
  const refs = refsIn(value, map, 0, ownNamespace, where, clusterDomain, value);
  const eq = value.indexOf('=');
  if (refs.length > 0 || !value.startsWith('-') || eq <= 0) return refs;
  // `--backend=http://api:8080`: the value after `=` may be a whole host.
  return refsIn(value.slice(eq + 1), map, eq + 1, ownNamespace, where, clusterDomain, value);
}

/** Candidate references in a container's env values, args and command. */
export function containerDnsRefs(c: YMap, ownNamespace: string, clusterDomain: string, fileText: string): DnsRef[] {
  const out: DnsRef[] = [];
  const nameNode = get(c, 'name');
  const cname = isScalar(nameNode) ? String(nameNode.value) : '';
  for (const e of getSeq(c, 'env')) {
    const v = get(e, 'value');
    const n = get(e, 'name');
    if (isScalar(v))
      out.push(
        ...dnsRefsInScalar(v, fileText, ownNamespace, `env ${isScalar(n) ? String(n.value) : '?'} of container ${cname}`, clusterDomain),
      );
  }
  for (const key of ['command', 'args'] as const) {
    for (const a of getSeq(c, key))
      if (isScalar(a)) out.push(...argRefs(a, fileText, ownNamespace, `${key} of container ${cname}`, clusterDomain));
  }
  return out;
}

/** Candidate references in a ConfigMap's data values. */
export function configMapDnsRefs(root: YMap, ownNamespace: string, clusterDomain: string, fileText: string): DnsRef[] {
  const out: DnsRef[] = [];
  const data: YNode | undefined = get(root, 'data');
  if (!isMap(data)) return out;
  for (const p of data.pairs.values()) {
    if (isScalar(p.value)) out.push(...dnsRefsInScalar(p.value, fileText, ownNamespace, `ConfigMap data key ${p.key}`, clusterDomain));
  }
  return out;
}
