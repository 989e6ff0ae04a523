/**
 * Completion of values that link: a targetPort from the matched containers' ports, selector
 * pairs and values from the namespace's pod templates, Ingress and route backend Service
 * names and ports, a free nodePort in range, a StatefulSet's serviceName, a probe's port.
 * The context is read from the text (keys by indentation), because the line being typed
 * is often not valid YAML yet; the resource comes from the index, or from a patched parse.
 */
import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ContainerPort, PodTemplate, Resource, SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { describeServicePort } from '../links/network';
import { describeWorkload, freeNodePort, serviceBackends } from '../links/services';
import { parseFile, type ParseContext } from '../parse/parseFile';
import { templatePorts } from '../parse/extractWorkload';
import { resourceAt, within } from './cursor';
import { serviceNamed } from './definition';

export interface CompletionEntry {
  label: string;
  kind: 'value' | 'reference' | 'property';
  detail?: string;
  insertText: string;
  filterText?: string;
  sortText?: string;
  /** The text the entry replaces. */
  span: Span;
  preselect?: boolean;
}

/** What the cursor is typing, read from the text. */
export interface LineContext {
  /** Keys of the enclosing maps by indentation, outermost first (sequence items are transparent). */
  keys: string[];
  /** The key whose value is being typed; undefined when typing a key. */
  key: string | undefined;
  /** The partial word before the cursor. */
  partial: string;
  /** The span of the word being typed (to replace). */
  span: Span;
}

/** Completions at a position. */
export function completionsAt(index: WorkspaceIndex, file: SourceFile, offset: number): CompletionEntry[] {
  const ctx = lineContext(file.text, offset);
  if (!ctx) return [];
  const r = resourceFor(index, file, offset, ctx);
  if (!r || r.namespace === undefined) return [];
  const lookup = index.lookup();
  const items = (r.service ? serviceCompletions(lookup, r, ctx, offset) : undefined)
    ?? (r.ingress ? ingressCompletions(lookup, r, ctx, offset) : undefined)
    ?? (r.route ? routeCompletions(lookup, r, ctx, offset) : undefined)
    ?? (r.podTemplate ? workloadCompletions(lookup, r, r.podTemplate, ctx, offset) : undefined)
    ?? [];
  return items.map((i) => ({ ...i, span: ctx.span }));
}

type Entry = Omit<CompletionEntry, 'span'>;

function serviceCompletions(lookup: Lookup, r: Resource, ctx: LineContext, offset: number): Entry[] | undefined {
  const svc = r.service!;
  const last = ctx.keys[ctx.keys.length - 1];
  if (ctx.key === 'targetPort' && last === 'ports') {
    const seen = new Set<string>();
    const out: Entry[] = [];
    for (const b of serviceBackends(lookup, r)) {
      for (const cp of templatePorts(b.template)) {
        const where = `${cp.containerPort?.value ?? '?'}/${cp.protocol} in ${cp.container.name} (${describeWorkload(b.template.owner)})`;
        if (cp.name && !seen.has(`n:${cp.name.value}`)) {
          seen.add(`n:${cp.name.value}`);
          out.push({ label: cp.name.value, kind: 'reference', detail: `port name → ${where}`, insertText: cp.name.value, sortText: `0${cp.name.value}` });
        }
        const n = cp.containerPort?.value;
        if (n !== undefined && !seen.has(`p:${n}`)) {
          seen.add(`p:${n}`);
          out.push({ label: String(n), kind: 'value', detail: `containerPort → ${where}`, insertText: String(n), sortText: `1${String(n).padStart(5, '0')}` });
        }
      }
    }
    return out;
  }
  if (ctx.key === 'nodePort' && last === 'ports') {
    const p = svc.ports.find((x) => within(x.span, offset));
    const free = freeNodePort(lookup, p?.port?.value);
    const [lo, hi] = lookup.options.nodePortRange;
    return free === undefined ? [] : [{ label: String(free), kind: 'value', detail: `free nodePort in ${lo}-${hi}`, insertText: String(free), preselect: true }];
  }
  if (last === 'selector' && ctx.keys[ctx.keys.length - 2] === 'spec') return selectorCompletions(lookup, r.namespace!, ctx);
  return undefined;
}

/** Selector pairs (typing a key) or values of one key, from the pod templates of the namespace. */
function selectorCompletions(lookup: Lookup, ns: string, ctx: LineContext): Entry[] {
  const byPair = new Map<string, { key: string; value: string; owners: string[] }>();
  for (const pt of lookup.get('pt', ns)) {
    for (const [k, v] of pt.labels) {
      if (ctx.key !== undefined && k !== ctx.key) continue;
      const id = `${k}\t${v.value}`;
      const e = byPair.get(id) ?? { key: k, value: v.value, owners: [] };
      e.owners.push(describeWorkload(pt.owner));
      byPair.set(id, e);
    }
  }
  return [...byPair.values()].map((e) => {
    const detail = `on ${e.owners.slice(0, 3).join(', ')}${e.owners.length > 3 ? ` and ${e.owners.length - 3} more` : ''}`;
    return ctx.key !== undefined
      ? { label: e.value, kind: 'value', detail, insertText: e.value }
      : { label: `${e.key}: ${e.value}`, kind: 'property', detail, insertText: `${e.key}: ${e.value}`, filterText: e.key };
  });
}

function serviceNames(lookup: Lookup, ns: string): Entry[] {
  return [...lookup.get('svcns', ns)].filter((s) => s.service).map((s) => ({
    label: s.name,
    kind: 'reference' as const,
    detail: `Service (${s.service!.type}${s.service!.headless ? ', headless' : ''}) ports ${s.service!.ports.map(describeServicePort).join(', ') || 'none'}`,
    insertText: s.name,
  })).filter((e, i, all) => all.findIndex((x) => x.label === e.label) === i);
}

function servicePorts(lookup: Lookup, ns: string, name: string | undefined, want: 'number' | 'name' | 'both'): Entry[] {
  const svc = name === undefined ? undefined : serviceNamed(lookup, ns, name);
  const out: Entry[] = [];
  for (const p of svc?.service?.ports ?? []) {
    const detail = `Service ${svc!.name} port ${describeServicePort(p)}`;
    if (want !== 'name' && p.port) out.push({ label: String(p.port.value), kind: 'value', detail, insertText: String(p.port.value) });
    if (want !== 'number' && p.name) out.push({ label: p.name.value, kind: 'reference', detail, insertText: p.name.value });
  }
  return out;
}

function ingressCompletions(lookup: Lookup, r: Resource, ctx: LineContext, offset: number): Entry[] | undefined {
  const ns = r.namespace!;
  const [a, b] = ctx.keys.slice(-2);
  const backends = r.ingress!.rules.flatMap((rule) => rule.paths.map((p) => p.backend));
  if (r.ingress!.defaultBackend) backends.push(r.ingress!.defaultBackend);
  const backend = backends.find((x) => within(x.span, offset));
  if (ctx.key === 'name' && b === 'service') return serviceNames(lookup, ns);
  if (ctx.key === 'serviceName' && (b === 'backend' || b === 'defaultBackend')) return serviceNames(lookup, ns);
  if (a === 'service' && b === 'port' && (ctx.key === 'number' || ctx.key === 'name')) return servicePorts(lookup, ns, backend?.serviceName.value, ctx.key);
  if (ctx.key === 'servicePort') return servicePorts(lookup, ns, backend?.serviceName.value, 'both');
  return undefined;
}

function routeCompletions(lookup: Lookup, r: Resource, ctx: LineContext, offset: number): Entry[] | undefined {
  if (ctx.keys[ctx.keys.length - 1] !== 'backendRefs') return undefined;
  const ref = r.route!.rules.flatMap((rule) => rule.backendRefs).find((x) => within(x.span, offset));
  const ns = ref?.namespace?.value ?? r.namespace!;
  if (ctx.key === 'name') return serviceNames(lookup, ns);
  if (ctx.key === 'port') return servicePorts(lookup, ns, ref?.name.value, 'number');
  return undefined;
}

function workloadCompletions(lookup: Lookup, r: Resource, pt: PodTemplate, ctx: LineContext, offset: number): Entry[] | undefined {
  if (ctx.key === 'serviceName' && r.kind === 'StatefulSet' && ctx.keys.length === 1) {
    return serviceNames(lookup, r.namespace!).sort((x, y) => Number(!x.detail?.includes('headless')) - Number(!y.detail?.includes('headless')));
  }
  if (ctx.key === 'port' && ctx.keys.some((k) => /^(liveness|readiness|startup)Probe$/.test(k))) {
    const c = pt.containers.find((x) => within(x.node.span, offset));
    return (c?.ports ?? []).flatMap((cp: ContainerPort) => {
      const detail = `containerPort ${cp.containerPort?.value ?? '?'}/${cp.protocol} of ${cp.container.name}`;
      const out: Entry[] = [];
      if (cp.name) out.push({ label: cp.name.value, kind: 'reference', detail, insertText: cp.name.value });
      if (cp.containerPort) out.push({ label: String(cp.containerPort.value), kind: 'value', detail, insertText: String(cp.containerPort.value) });
      return out;
    });
  }
  return undefined;
}

/** The resource being edited: from the index, or from a parse of the text with the typed line completed. */
function resourceFor(index: WorkspaceIndex, file: SourceFile, offset: number, ctx: LineContext): Resource | undefined {
  const r = resourceAt(file, offset) ?? [...file.resources].reverse().find((x) => x.span[0] <= offset && !file.text.slice(x.span[1], offset).includes('\n---'));
  if (r) return r;
  // The line does not parse yet (a key without its colon): parse a copy with `: x` added.
  const patch = ctx.key === undefined ? `${ctx.partial || 'x'}: x` : undefined;
  const text = patch ? file.text.slice(0, ctx.span[0]) + patch + file.text.slice(ctx.span[1]) : file.text;
  const copy = parseFile(file.uri, file.path, text, file.version, index.options, undefined, scratch());
  return resourceAt(copy, offset);
}

/** Ids that no indexed resource has (negative), keys kept as read: the copy is thrown away. */
function scratch(): ParseContext {
  let n = -1;
  return { nextId: () => n--, key: (k) => k };
}

const keyLine = /^([ \t]*)(-[ \t]+)?("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)[ \t]*:(?:[ \t]|$)/;

/** Read the completion context at an offset: the enclosing keys, the key being valued, the word typed. */
export function lineContext(text: string, offset: number): LineContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  if (before.includes('#')) return undefined;
  const word = /[^\s:'"]*$/.exec(before)?.[0] ?? '';
  const after = /^[^\s'"#,}\]]*/.exec(text.slice(offset, lineEnd))?.[0] ?? '';
  const span: Span = [offset - word.length, offset + after.length];
  const m = keyLine.exec(before);
  let key: string | undefined;
  let col: number;
  if (m && before.length >= m[0].length) {
    key = unquote(m[3] ?? '');
    col = (m[1] ?? '').length + (m[2] ?? '').length;
    if (/\S/.test(before.slice(m[0].length, offset - lineStart - word.length))) return undefined;
  } else {
    const k = /^([ \t]*)(-[ \t]+)?([^\s:#]*)$/.exec(before);
    if (!k) return undefined;
    col = (k[1] ?? '').length + (k[2] ?? '').length;
  }
  return { keys: enclosingKeys(text, lineStart, col), key, partial: word, span };
}

/** Keys of the lines above with less indentation than `col`, outermost first. */
function enclosingKeys(text: string, lineStart: number, col: number): string[] {
  const keys: string[] = [];
  // After a `- key:` ancestor, its sequence may sit at the same indentation as its own key.
  let seqCol = -1;
  let end = lineStart - 1;
  while (end > 0 && (col > 0 || seqCol === 0)) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^---/.test(line)) break;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const m = keyLine.exec(line);
    const indent = (/^[ \t]*/.exec(line)?.[0] ?? '').length;
    const dash = /^[ \t]*-[ \t]/.test(line);
    const keyCol = m ? indent + (m[2] ?? '').length : indent + (dash ? 2 : 0);
    const parent = keyCol < col || (!dash && keyCol === seqCol);
    if (!parent) continue;
    if (m) keys.unshift(unquote(m[3] ?? ''));
    if (indent === 0 && !dash) break;
    seqCol = dash ? indent : -1;
    col = dash ? indent : keyCol;
  }
  return keys;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}
