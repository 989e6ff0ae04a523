#!/usr/bin/env node
/**
 * Extracts, from the Gateway API conformance suite, the manifests and the expectations that
 * follow from manifests alone, into test/fixtures/gateway-conformance/ (read by
 * test/unit/gateway-conformance.test.ts, which never reads the suite itself).
 *
 *   node scripts/gateway-conformance.mjs <suite folder, e.g. ../shared/corpus/gateway-api-conformance>
 *
 * The Go test files are read with a small evaluator of the forms they use: variables bound
 * to `types.NamespacedName{…}` (in order of appearance, which follows their scopes), calls of
 * the assertion helpers, `metav1.Condition{…}` literals and `[]v1.ListenerStatus{…}` lists.
 * Calls it cannot resolve are listed on stderr and left out.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const suite = resolve(process.argv[2] ?? '../shared/corpus/gateway-api-conformance');
const out = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'gateway-conformance');
const testsDir = join(suite, 'conformance', 'tests');

const namespaces = {
  InfrastructureNamespace: 'gateway-conformance-infra',
  AppBackendNamespace: 'gateway-conformance-app-backend',
  WebBackendNamespace: 'gateway-conformance-web-backend',
  InfrastructureGatewayName: 'gateway-conformance-infra-test',
};

/** The text between the parenthesis at `open` and its match. */
function balanced(text, open) {
  const pairs = { '(': ')', '{': '}', '[': ']' };
  const stack = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = text.indexOf('"', i + 1);
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** Split at top-level commas. */
function args(text) {
  const out = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const j = text.indexOf('"', i + 1);
      cur += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if ('({['.includes(c)) depth++;
    if (')}]'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function evalString(expr, env) {
  const e = expr.trim();
  const lit = /^"([^"]*)"$/.exec(e);
  if (lit) return lit[1];
  const ns = /(?:confsuite|suite|s)\.(\w+(?:Namespace|GatewayName))$/.exec(e);
  if (ns && namespaces[ns[1]]) return namespaces[ns[1]];
  if (/^\w+$/.test(e) && typeof env.get(e) === 'string') return env.get(e);
  const conv = /^[\w.]+\((.*)\)$/s.exec(e);
  if (conv) return evalString(conv[1], env);
  return undefined;
}

/** A NamespacedName literal, a variable, or NewGatewayRef(...)/NewResourceRef(gk, nn, ...). */
function evalNN(expr, env) {
  const e = expr.trim();
  if (/^\w+$/.test(e)) return env.get(e);
  const lit = /^(?:types\.NamespacedName\s*)?\{/.exec(e);
  if (lit) {
    const body = balanced(e, e.indexOf('{'));
    const fields = Object.fromEntries(
      args(body)
        .map((a) => a.split(/:\s*/, 2))
        .map(([k, v]) => [k.trim(), v]),
    );
    const name = evalString(fields.Name ?? '', env);
    const namespace = evalString(fields.Namespace ?? '', env);
    return name !== undefined && namespace !== undefined ? { name, namespace } : undefined;
  }
  const ref = /^kubernetes\.New(Gateway|Resource)Ref\s*\(/.exec(e);
  if (ref) {
    const a = args(balanced(e, e.indexOf('(')));
    const isRes = ref[1] === 'Resource';
    const nn = evalNN(isRes ? a[1] : a[0], env);
    const kind = isRes ? (/Kind:\s*"(\w+)"/.exec(a[0])?.[1] ?? env.get(`${a[0]}:kind`)) : 'Gateway';
    const listeners = a.slice(isRes ? 2 : 1).map((x) => evalString(x, env));
    return nn ? { ...nn, kind, listeners: listeners.filter((x) => x !== undefined) } : undefined;
  }
  return undefined;
}

function condition(text) {
  const type = /Type:\s*(?:string\()?[\w.]*?(?:Condition)?(Accepted|ResolvedRefs|Programmed|Conflicted|OverlappingTLSConfig)\)?/.exec(
    text,
  )?.[1];
  const status = /Status:\s*metav1\.Condition(True|False|Unknown)/.exec(text)?.[1];
  const reasonM = /Reason:\s*(?:string\()?(?:[\w.]*?Reason)?(\w*)\)?/.exec(text);
  let reason = reasonM?.[1];
  if (/Reason:\s*""/.test(text) || !reasonM) reason = undefined;
  return type && status ? { type, status, ...(reason ? { reason } : {}) } : undefined;
}

function conditions(expr, env) {
  const e = expr.trim();
  if (/^\w+$/.test(e)) return env.get(e);
  if (e.startsWith('metav1.Condition{')) return [condition(balanced(e, e.indexOf('{')))].filter(Boolean);
  const body = balanced(e, e.indexOf('{'));
  return args(body)
    .map((c) => condition(c))
    .filter(Boolean);
}

function listenerStatuses(expr, env) {
  const e = expr.trim();
  if (/^\w+$/.test(e)) return env.get(e);
  return args(balanced(e, e.indexOf('{'))).map((item) => {
    const name = /Name:\s*(?:v1\.|gatewayv1\.)?SectionName\("([^"]+)"\)|Name:\s*"([^"]+)"/.exec(item);
    const attached = /AttachedRoutes:\s*(\d+)/.exec(item);
    const condsAt = item.indexOf('Conditions:');
    const conds =
      condsAt >= 0
        ? args(balanced(item, item.indexOf('{', condsAt)))
            .map(condition)
            .filter(Boolean)
        : [];
    return { name: name?.[1] ?? name?.[2], attachedRoutes: attached ? Number(attached[1]) : undefined, conditions: conds };
  });
}

const routeOf = { HTTPRoute: 'HTTPRoute', TLSRoute: 'TLSRoute', TCPRoute: 'TCPRoute', UDPRoute: 'UDPRoute', GRPCRoute: 'GRPCRoute' };

function extract(name, go) {
  const text = go.replace(/\/\/[^\n]*/g, '');
  const env = new Map();
  const assertions = [];
  const unresolved = [];
  const re =
    /for _, (\w+) := range (\w+) \{|(\w+)\s*:?=\s*(\w+\.Namespace\([^)]*\)|types\.NamespacedName\s*\{|\[\]types\.NamespacedName\s*\{|"[^"]*"\s*\n|(?:confsuite|suite)\.\w+Namespace|metav1\.Condition\s*\{|\[\]metav1\.Condition\s*\{|\[\](?:v1|gatewayv1)\.Listener(?:Entry)?Status\s*\{|kubernetes\.New(?:Gateway|Resource)Ref\s*\(|schema\.GroupKind\s*\{)|kubernetes\.(\w+)\s*\(/g;
  for (let m; (m = re.exec(text));) {
    if (m[1]) {
      const list = env.get(m[2]);
      if (Array.isArray(list)) env.set(m[1], list);
      continue;
    }
    m = [m[0], m[3], m[4], m[5]];
    m.index = re.lastIndex - m[0].length;
    if (m[1]) {
      const v = m[2];
      if (/^\w+\.Namespace\(/.test(v)) {
        env.set(m[1], evalString(v, env));
        continue;
      }
      const start = m.index + m[0].length - 1;
      if (v.startsWith('types.NamespacedName')) env.set(m[1], evalNN(`types.NamespacedName{${balanced(text, start)}}`, env));
      else if (v.startsWith('[]types'))
        env.set(
          `${m[1]}`,
          args(balanced(text, start)).map((x) => evalNN(x, env)),
        );
      else if (v.startsWith('"')) env.set(m[1], v.trim().slice(1, -1));
      else if (v.startsWith('confsuite') || v.startsWith('suite')) env.set(m[1], evalString(v, env));
      else if (v.startsWith('metav1.Condition')) env.set(m[1], [condition(balanced(text, start))].filter(Boolean));
      else if (v.startsWith('[]metav1')) env.set(m[1], conditions(`x{${balanced(text, start)}}`, env));
      else if (v.startsWith('[]')) env.set(m[1], listenerStatuses(`x{${balanced(text, start)}}`, env));
      else if (v.startsWith('kubernetes.New')) env.set(m[1], evalNN(`${v}${balanced(text, start)})`, env));
      else if (v.startsWith('schema')) env.set(`${m[1]}:kind`, /Kind:\s*"(\w+)"/.exec(balanced(text, start))?.[1]);
      continue;
    }
    const fn = m[3];
    const a = args(balanced(text, m.index + m[0].length - 1));
    const bad = () => unresolved.push(`${fn}(${a.slice(3).join(', ').slice(0, 120)})`);
    const routeList = (xs) =>
      xs.flatMap((x) => {
        const v = x.endsWith('...') ? (env.get(x.slice(0, -3)) ?? [undefined]) : evalNN(x, env);
        return Array.isArray(v) ? v : [v];
      });
    let r;
    if ((r = /^GatewayAnd(\w*?)Routes?MustBeAccepted$/.exec(fn))) {
      const gw = evalNN(a[4], env);
      const kind = r[1] ? routeOf[`${r[1]}Route`] : /&(?:v1|gatewayv1|v1alpha2|v1alpha3)\.(\w+)\{/.exec(a[5] ?? '')?.[1];
      const routes = routeList(a.slice(r[1] ? 5 : 7));
      if (!gw || !kind || routes.some((x) => !x)) {
        bad();
        continue;
      }
      for (const route of routes) assertions.push({ assert: 'routeAccepted', routeKind: kind, route, parent: gw });
      assertions.push({ assert: 'listenersReady', parent: gw });
    } else if (fn === 'RoutesAndParentMustBeAccepted') {
      const parent = evalNN(a[4], env);
      const kind = /&(?:v1|gatewayv1|v1alpha2|v1alpha3)\.(\w+)\{/.exec(a[5] ?? '')?.[1];
      const routes = routeList(a.slice(6));
      if (!parent || !kind || routes.some((x) => !x)) {
        bad();
        continue;
      }
      for (const route of routes) assertions.push({ assert: 'routeAccepted', routeKind: kind, route, parent });
      assertions.push({ assert: 'listenersReady', parent });
    } else if ((r = /^(\w+Route)MustHaveCondition$/.exec(fn))) {
      const gw = evalNN(a[4], env);
      const conds = conditions(a[5], env);
      const routes = routeList([a[3]]);
      if (routes.some((x) => !x) || !gw || !conds?.length) {
        bad();
        continue;
      }
      for (const route of routes)
        for (const c of conds) assertions.push({ assert: 'routeCondition', routeKind: r[1], route, parent: gw, ...c });
    } else if ((r = /^(\w+Route)MustHaveResolvedRefsConditionsTrue$/.exec(fn))) {
      const gw = evalNN(a[4], env);
      const routes = routeList([a[3]]);
      if (routes.some((x) => !x) || !gw) {
        bad();
        continue;
      }
      for (const route of routes)
        assertions.push({
          assert: 'routeCondition',
          routeKind: r[1],
          route,
          parent: gw,
          type: 'ResolvedRefs',
          status: 'True',
          reason: 'ResolvedRefs',
        });
    } else if ((r = /^(\w+Route)MustHaveNoAcceptedParents$/.exec(fn))) {
      const route = evalNN(a[3], env);
      if (!route) {
        bad();
        continue;
      }
      assertions.push({ assert: 'routeNotAccepted', routeKind: r[1], route });
    } else if (fn === 'GatewayMustHaveZeroRoutes') {
      const gw = evalNN(a[3], env);
      if (!gw) {
        bad();
        continue;
      }
      assertions.push({ assert: 'zeroRoutes', parent: { ...gw, kind: 'Gateway' } });
    } else if (fn === 'GatewayStatusMustHaveListeners' || fn === 'ListenerSetStatusMustHaveListeners') {
      const gw = evalNN(a[3], env);
      const ls = listenerStatuses(a[4], env);
      if (!gw || !ls) {
        bad();
        continue;
      }
      const kind = fn.startsWith('Gateway') ? 'Gateway' : 'ListenerSet';
      for (const l of ls) {
        if (l.attachedRoutes !== undefined)
          assertions.push({ assert: 'attachedRoutes', parent: { ...gw, kind }, listener: l.name, count: l.attachedRoutes });
        for (const c of l.conditions) assertions.push({ assert: 'listenerCondition', parent: { ...gw, kind }, listener: l.name, ...c });
      }
    } else if (
      fn === 'GatewayListenersMustHaveConditions' ||
      fn === 'ListenerSetListenersMustHaveConditions' ||
      fn === 'GatewayListenerMustHaveConditions'
    ) {
      const gw = evalNN(a[3], env);
      const single = fn === 'GatewayListenerMustHaveConditions';
      const conds = conditions(single ? a[5] : a[4], env);
      const names = single ? [evalString(a[4], env)] : a.slice(5).map((x) => evalString(x, env));
      if (!gw || !conds || names.some((x) => x === undefined)) {
        bad();
        continue;
      }
      const kind = fn.startsWith('ListenerSet') ? 'ListenerSet' : 'Gateway';
      for (const c of conds) {
        if (names.length === 0) assertions.push({ assert: 'listenerCondition', parent: { ...gw, kind }, listener: '*', ...c });
        for (const n of names) assertions.push({ assert: 'listenerCondition', parent: { ...gw, kind }, listener: n, ...c });
      }
    }
  }
  return { name, assertions, unresolved };
}

const base = readFileSync(join(suite, 'conformance', 'base', 'manifests.yaml'), 'utf8');
mkdirSync(join(out, 'tests'), { recursive: true });
writeFileSync(join(out, 'base.yaml'), base);
copyFileSync(join(suite, 'LICENSE'), join(out, 'LICENSE'));
const cases = [];
let unresolvedCount = 0;
for (const f of readdirSync(testsDir)
  .filter((x) => x.endsWith('.go'))
  .sort()) {
  const name = f.slice(0, -3);
  const go = readFileSync(join(testsDir, f), 'utf8');
  const manifests = [...go.matchAll(/"tests\/([\w.-]+\.yaml)"/g)].map((x) => x[1]);
  const c = extract(name, go);
  for (const u of c.unresolved) console.error(`${name}: unresolved ${u}`);
  unresolvedCount += c.unresolved.length;
  if (c.assertions.length === 0) continue;
  for (const m of manifests) copyFileSync(join(testsDir, m), join(out, 'tests', m));
  cases.push({ test: name, manifests, assertions: c.assertions });
}
writeFileSync(join(out, 'expectations.json'), JSON.stringify(cases, null, 1) + '\n');
console.log(`${cases.length} tests, ${cases.reduce((n, c) => n + c.assertions.length, 0)} assertions, ${unresolvedCount} calls unresolved`);
