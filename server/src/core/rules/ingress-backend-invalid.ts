/**
 * An Ingress backend that `networking.k8s.io/v1` rejects: the old `serviceName`/`servicePort`
 * fields (removed in v1, which reads neither), a backend with neither `service` nor `resource`,
 * a `service` without `port` (or with both `number` and `name`), and the old `spec.backend`
 * (v1 calls it `defaultBackend`). kubectl's strict field validation refuses the unknown fields,
 * and the API server's validation the backend they leave empty. podpath still follows the old
 * fields to their Service (the other Ingress rules speak of what they name).
 */
import type { Fix } from '../model/finding';
import type { Resource } from '../model/resource';
import { getMap, getSeq, isMap, isScalar, pair, type YMap } from '../model/ytree';
import { keyIndent, replaceSpan, yamlScalar } from './edits';
import type { Rule, RuleContext } from './rule';

export const rule: Rule = {
  meta: {
    id: 'ingress-backend-invalid',
    severity: 'error',
    description:
      'A networking.k8s.io/v1 Ingress backend uses the old serviceName/servicePort fields, names neither service nor resource, or has a service without port; the API rejects the Ingress.',
  },
  check(r, ctx) {
    if (!r.ingress || r.apiVersion !== 'networking.k8s.io/v1' || !r.root) return;
    const spec = getMap(r.root, 'spec');
    const old = pair(spec, 'backend');
    if (old) {
      ctx.report({
        severity: 'error',
        message:
          'spec.backend is called defaultBackend in networking.k8s.io/v1: rename it. networking.k8s.io/v1 has no spec.backend (defaultBackend takes service.name and service.port); the API rejects the Ingress.',
        span: old.keySpan,
        fixes: [
          {
            title: 'Rename to defaultBackend',
            preferred: isMap(old.value) && !isLegacy(old.value),
            edits: [replaceSpan(r.file, old.keySpan, 'defaultBackend')],
          },
        ],
      });
    }
    const d = getMap(spec, 'defaultBackend') ?? (isMap(old?.value) ? old.value : undefined);
    if (d) judge(ctx, r, d, 'spec.defaultBackend');
    getSeq(spec, 'rules').forEach((rule, i) => {
      getSeq(getMap(rule, 'http'), 'paths').forEach((p, j) => {
        const b = pair(p, 'backend');
        const where = `spec.rules[${i}].http.paths[${j}].backend`;
        if (isMap(b?.value)) judge(ctx, r, b.value, where);
        else if (isMap(p) && !b)
          ctx.report({
            severity: 'error',
            message: `This path has no backend: add one with service.name and service.port. ${where} is missing: every path needs a backend (service or resource); the API rejects the Ingress.`,
            span: p.span,
          });
      });
    });
  },
};

function isLegacy(b: YMap): boolean {
  return b.pairs.has('serviceName') || b.pairs.has('servicePort');
}

function judge(ctx: RuleContext, r: Resource, b: YMap, where: string): void {
  const svc = pair(b, 'service');
  if (isLegacy(b)) {
    const key = pair(b, 'serviceName') ?? pair(b, 'servicePort')!;
    ctx.report({
      severity: 'error',
      message: `serviceName/servicePort are gone in networking.k8s.io/v1: use service.name and service.port.number. ${where} uses the fields of the old extensions/v1beta1 and networking.k8s.io/v1beta1 APIs; networking.k8s.io/v1 reads service.name and service.port.number (or .name) instead, so the API rejects the Ingress.`,
      span: key.keySpan,
      fixes: legacyFix(r, b),
    });
    return;
  }
  if (!svc && !pair(b, 'resource')) {
    ctx.report({
      severity: 'error',
      message: `This backend names no Service: add service.name and service.port. ${where} names neither service nor resource; the API rejects the Ingress ("backend must specify either service or resource").`,
      span: b.span,
    });
    return;
  }
  if (!svc || !isMap(svc.value)) return;
  const port = pair(svc.value, 'port');
  if (!port || !isMap(port.value) || port.value.pairs.size === 0) {
    ctx.report({
      severity: 'error',
      message: `This backend's service has no port: add port.number or port.name. ${where}.service has no port, which networking.k8s.io/v1 requires; the API rejects the Ingress.`,
      span: port?.keySpan ?? svc.keySpan,
    });
    return;
  }
  if (port.value.pairs.has('number') && port.value.pairs.has('name')) {
    ctx.report({
      severity: 'error',
      message: `service.port has both number and name: keep one of them. ${where}.service.port may have only one; the API rejects the Ingress.`,
      span: port.keySpan,
    });
  }
}

/** Rewrite a block-style old backend (`serviceName:` and `servicePort:` lines) into the v1 form. */
function legacyFix(r: Resource, b: YMap): Fix[] {
  const name = b.pairs.get('serviceName')?.value;
  const port = b.pairs.get('servicePort')?.value;
  if (b.pairs.size !== 2 || !isScalar(name) || typeof name.value !== 'string' || !isScalar(port) || port.value === null) return [];
  const text = r.file.text;
  if (text.slice(b.span[0], b.span[1]).startsWith('{')) return [];
  const first = Math.min(...[...b.pairs.values()].map((p) => p.keySpan[0]));
  const last = Math.max(name.span[1], port.span[1]);
  const indent = keyIndent(r.file, first);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const digits = typeof port.value === 'number' || /^[0-9]+$/.test(String(port.value));
  const portLine = digits ? `number: ${Number(port.value)}` : `name: ${yamlScalar(String(port.value))}`;
  const newText = [`service:`, `  name: ${yamlScalar(name.value)}`, `  port:`, `    ${portLine}`].join(eol + indent);
  return [{ title: 'Rewrite as service.name / service.port', preferred: true, edits: [replaceSpan(r.file, [first, last], newText)] }];
}
