/** Which Ingress hosts are served over TLS: the host matching of `spec.tls[].hosts`. */
import type { IngressTls } from '../model/resource';

/**
 * Whether a TLS host covers a rule host: equal (case-insensitive), or a wildcard
 * `*.example.com` and a host one label longer (`a.example.com`, not `a.b.example.com`).
 */
export function tlsHostCovers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (t === h) return true;
  if (!t.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && !h.startsWith('*') && h.slice(dot + 1) === t.slice(2);
}

/**
 * Whether requests for `host` (undefined: a rule without host, or the default backend) are
 * served over TLS by an Ingress with these `tls` entries. An entry without hosts takes the
 * controller's default certificate, for any host.
 */
export function hostServedOverTls(tls: readonly IngressTls[], host: string | undefined): boolean {
  return tls.some((t) => t.hosts.length === 0 || (host !== undefined && host !== '' && t.hosts.some((h) => tlsHostCovers(h.value, host))));
}
