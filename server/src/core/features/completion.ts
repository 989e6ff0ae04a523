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
import { getSeq, getStr, type Span } from '../model/ytree';
import { describeServicePort } from '../links/network';
import { describeWorkload, freeNodePort, ianaNameProblems, serviceBackends } from '../links/services';
import { parseFile, type ParseContext } from '../parse/parseFile';
import { templatePorts } from '../parse/extractWorkload';
import { yamlScalar } from '../rules/edits';
import { builtCompletions, writtenName } from './builtCompletion';
import { resourceAt, within } from './cursor';
import { serviceNamed } from './definition';
import { parentRefCompletions } from './gateway';

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
  if (!r) return [];
  // In a file a kustomize build reads: what each unit built there offers, with the names as they are written;
  // a nodePort free in all of them (the tables of the units that hold the file, together).
  const unitLookup = (lookup: Lookup): Lookup => (ctx.key === 'nodePort' ? index.lookup({ uri: file.uri }) : lookup);
  const items =
    builtCompletions(index, file, r, offset, (lookup, built, at) => itemsFor(unitLookup(lookup), built, ctx, at, writtenName)) ??
    (r.namespace === undefined ? [] : itemsFor(index.lookup({ uri: file.uri }), r, ctx, offset));
  // Right after the colon (`:` is a trigger character): `targetPort:8080` would be one plain scalar, not a value.
  const space = ctx.key !== undefined && file.text[ctx.span[0] - 1] === ':' ? ' ' : '';
  return items.map((i) => ({ ...i, insertText: space + i.insertText, span: ctx.span }));
}

export type Entry = Omit<CompletionEntry, 'span'>;

/** What a Service is called where it is referred to: its name, or (in a built unit, where kustomize rewrites the reference) the name written before a prefix. */
type NameOf = (s: Resource) => string;
const ownName: NameOf = (s) => s.name;

function itemsFor(lookup: Lookup, r: Resource, ctx: LineContext, offset: number, nameOf: NameOf = ownName): Entry[] {
  if (r.namespace === undefined) return [];
  return (
    (r.service ? serviceCompletions(lookup, r, ctx, offset) : undefined) ??
    (r.ingress ? ingressCompletions(lookup, r, ctx, offset, nameOf) : undefined) ??
    (r.route ? routeCompletions(lookup, r, ctx, offset) : undefined) ??
    (r.podTemplate ? workloadCompletions(lookup, r, r.podTemplate, ctx, offset, nameOf) : undefined) ??
    []
  );
}

function serviceCompletions(lookup: Lookup, r: Resource, ctx: LineContext, offset: number): Entry[] | undefined {
  const svc = r.service!;
  const last = ctx.keys[ctx.keys.length - 1];
  if (ctx.key === 'targetPort' && last === 'ports') {
    const seen = new Set<string>();
    const out: Entry[] = [];
    for (const b of serviceBackends(lookup, r)) {
      for (const cp of templatePorts(b.template)) {
        const where = `${cp.containerPort?.value ?? '?'}/${cp.protocol} in ${cp.container.name} (${describeWorkload(b.template.owner)})`;
        // A name the API rejects (`Metrics_Port`) would only move the error to the Service.
        if (cp.name && !seen.has(`n:${cp.name.value}`) && ianaNameProblems(cp.name.value).length === 0) {
          seen.add(`n:${cp.name.value}`);
          out.push({
            label: cp.name.value,
            kind: 'reference',
            detail: `port name → ${where}`,
            insertText: yamlScalar(cp.name.value),
            sortText: `0${cp.name.value}`,
          });
        }
        const n = cp.containerPort?.value;
        if (n !== undefined && !seen.has(`p:${n}`)) {
          seen.add(`p:${n}`);
          out.push({
            label: String(n),
            kind: 'value',
            detail: `containerPort → ${where}`,
            insertText: String(n),
            sortText: `1${String(n).padStart(5, '0')}`,
          });
        }
      }
    }
    return out;
  }
  if (ctx.key === 'nodePort' && last === 'ports') {
    const p = svc.ports.find((x) => within(x.span, offset));
    const free = freeNodePort(lookup, p?.port?.value);
    const [lo, hi] = lookup.options.nodePortRange;
    return free === undefined
      ? []
      : [{ label: String(free), kind: 'value', detail: `free nodePort in ${lo}-${hi}`, insertText: String(free), preselect: true }];
  }
  if (last === 'selector' && ctx.keys[ctx.keys.length - 2] === 'spec') {
    // A key the selector has on another line would be a duplicate key (a YAML error).
    const taken = new Set([...(svc.selector ?? [])].filter(([, v]) => !within(v.keySpan, offset)).map(([k]) => k));
    return selectorCompletions(lookup, r.namespace!, ctx, taken);
  }
  return undefined;
}

/** Selector pairs (typing a key, none of the `taken` keys) or values of one key, from the pod templates of the namespace. */
function selectorCompletions(lookup: Lookup, ns: string, ctx: LineContext, taken: ReadonlySet<string>): Entry[] {
  const byPair = new Map<string, { key: string; value: string; owners: string[] }>();
  for (const pt of lookup.get('pt', ns)) {
    for (const [k, v] of pt.labels) {
      if (ctx.key !== undefined ? k !== ctx.key : taken.has(k)) continue;
      const id = `${k}\t${v.value}`;
      const e = byPair.get(id) ?? { key: k, value: v.value, owners: [] };
      e.owners.push(describeWorkload(pt.owner));
      byPair.set(id, e);
    }
  }
  return [...byPair.values()].map((e) => {
    const detail = `on ${e.owners.slice(0, 3).join(', ')}${e.owners.length > 3 ? ` and ${e.owners.length - 3} more` : ''}`;
    return ctx.key !== undefined
      ? { label: e.value, kind: 'value', detail, insertText: yamlScalar(e.value) }
      : {
          label: `${e.key}: ${e.value}`,
          kind: 'property',
          detail,
          insertText: `${yamlScalar(e.key)}: ${yamlScalar(e.value)}`,
          filterText: e.key,
        };
  });
}

function serviceNames(lookup: Lookup, ns: string, nameOf: NameOf): Entry[] {
  return [...lookup.get('svcns', ns)]
    .filter((s) => s.service)
    .map((s) => ({
      label: nameOf(s),
      kind: 'reference' as const,
      detail: `Service ${nameOf(s) === s.name ? '' : `${s.name} `}(${s.service!.type}${s.service!.headless ? ', headless' : ''}) ports ${s.service!.ports.map(describeServicePort).join(', ') || 'none'}`,
      insertText: yamlScalar(nameOf(s)),
    }))
    .filter((e, i, all) => all.findIndex((x) => x.label === e.label) === i);
}

function servicePorts(lookup: Lookup, ns: string, name: string | undefined, want: 'number' | 'name' | 'both'): Entry[] {
  const svc = name === undefined ? undefined : serviceNamed(lookup, ns, name);
  const out: Entry[] = [];
  for (const p of svc?.service?.ports ?? []) {
    const detail = `Service ${svc!.name} port ${describeServicePort(p)}`;
    if (want !== 'name' && p.port) out.push({ label: String(p.port.value), kind: 'value', detail, insertText: String(p.port.value) });
    if (want !== 'number' && p.name) out.push({ label: p.name.value, kind: 'reference', detail, insertText: yamlScalar(p.name.value) });
  }
  return out;
}

function ingressCompletions(lookup: Lookup, r: Resource, ctx: LineContext, offset: number, nameOf: NameOf): Entry[] | undefined {
  const ns = r.namespace!;
  const [a, b] = ctx.keys.slice(-2);
  const backends = r.ingress!.rules.flatMap((rule) => rule.paths.map((p) => p.backend));
  if (r.ingress!.defaultBackend) backends.push(r.ingress!.defaultBackend);
  const backend = backends.find((x) => within(x.span, offset));
  if (ctx.key === 'name' && b === 'service') return serviceNames(lookup, ns, nameOf);
  if (ctx.key === 'serviceName' && (b === 'backend' || b === 'defaultBackend')) return serviceNames(lookup, ns, nameOf);
  if (a === 'service' && b === 'port' && (ctx.key === 'number' || ctx.key === 'name'))
    return servicePorts(lookup, ns, backend?.serviceName.value, ctx.key);
  if (ctx.key === 'servicePort') return servicePorts(lookup, ns, backend?.serviceName.value, 'both');
  return undefined;
}

function routeCompletions(lookup: Lookup, r: Resource, ctx: LineContext, offset: number): Entry[] | undefined {
  if (ctx.keys[ctx.keys.length - 1] === 'parentRefs' && ctx.key !== undefined) {
    const item = getSeq(r.root, 'spec', 'parentRefs').find((p) => within(p.span, offset));
    return parentRefCompletions(lookup, r, ctx.key, getStr(item, 'name'), getStr(item, 'namespace'));
  }
  if (ctx.keys[ctx.keys.length - 1] !== 'backendRefs') return undefined;
  const ref = r.route!.rules.flatMap((rule) => rule.backendRefs).find((x) => within(x.span, offset));
  // A backendRef whose name is still empty is not among the route's refs: read its namespace from the tree.
  const item = getSeq(r.root, 'spec', 'rules')
    .flatMap((rule) => getSeq(rule, 'backendRefs'))
    .find((b) => within(b.span, offset));
  const ns = ref?.namespace?.value ?? getStr(item, 'namespace') ?? r.namespace!;
  // kustomize leaves a route's backendRefs as written (not in its name references): the built name is the one to write.
  if (ctx.key === 'name') return serviceNames(lookup, ns, ownName);
  if (ctx.key === 'port') return servicePorts(lookup, ns, ref?.name.value, 'number');
  return undefined;
}

function workloadCompletions(
  lookup: Lookup,
  r: Resource,
  pt: PodTemplate,
  ctx: LineContext,
  offset: number,
  nameOf: NameOf,
): Entry[] | undefined {
  if (ctx.key === 'serviceName' && r.kind === 'StatefulSet' && ctx.keys.length === 1) {
    return serviceNames(lookup, r.namespace!, nameOf).sort(
      (x, y) => Number(!x.detail?.includes('headless')) - Number(!y.detail?.includes('headless')),
    );
  }
  if (ctx.key === 'port' && ctx.keys.some((k) => /^(liveness|readiness|startup)Probe$/.test(k))) {
    const c = pt.containers.find((x) => within(x.node.span, offset));
    return (c?.ports ?? []).flatMap((cp: ContainerPort) => {
      const detail = `containerPort ${cp.containerPort?.value ?? '?'}/${cp.protocol} of ${cp.container.name}`;
      const out: Entry[] = [];
      if (cp.name && ianaNameProblems(cp.name.value).length === 0)
        out.push({ label: cp.name.value, kind: 'reference', detail, insertText: yamlScalar(cp.name.value) });
      if (cp.containerPort)
        out.push({ label: String(cp.containerPort.value), kind: 'value', detail, insertText: String(cp.containerPort.value) });
      return out;
    });
  }
  return undefined;
}

/** The resource being edited: from the index, or from a parse of the text with the typed line completed. */
function resourceFor(index: WorkspaceIndex, file: SourceFile, offset: number, ctx: LineContext): Resource | undefined {
  // Below a resource's last line but in its document (no `---` in between; its span may end just before one).
  const r =
    resourceAt(file, offset) ??
    [...file.resources].reverse().find((x) => x.span[0] <= offset && !/(^|\n)---/.test(file.text.slice(x.span[1], offset)));
  if (r) return r;
  // The line does not parse yet (a key without its colon): parse a copy with `: x` added.
  const patch = ctx.key === undefined ? `${ctx.partial || 'x'}: x` : undefined;
  const text = patch ? file.text.slice(0, ctx.span[0]) + patch + file.text.slice(ctx.span[1]) : file.text;
  const copy = parseFile(file.uri, file.path, text, file.version, index.options, index.contextOf(file.uri), scratch());
  return resourceAt(copy, offset);
}

/** Ids that no indexed resource has (negative), keys kept as read: the copy is thrown away. */
function scratch(): ParseContext {
  let n = -1;
  return { nextId: () => n--, key: (k) => k };
}

const keyLine = /^([ \t]*)(-[ \t]+)?("[^"]*"|'[^']*'|(?!-[ \t])[^\s:#'"{[][^:#]*?)[ \t]*:(?:[ \t]|$)/;

/** Read the completion context at an offset: the enclosing keys, the key being valued, the word typed. */
export function lineContext(text: string, offset: number): LineContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, offset);
  if (before.includes('#')) return undefined;
  const word = /[^\s:'"{}[\],]*$/.exec(before)?.[0] ?? '';
  const after = /^[^\s'"#,}\]]*/.exec(text.slice(offset, lineEnd))?.[0] ?? '';
  const span: Span = [offset - word.length, offset + after.length];
  const m = keyLine.exec(before);
  let key: string | undefined;
  let col: number;
  let flowKeys: string[] = [];
  if (m && before.length >= m[0].length) {
    key = unquote(m[3] ?? '');
    col = (m[1] ?? '').length + (m[2] ?? '').length;
    const rest = before.slice(m[0].length, offset - lineStart - word.length);
    if (/\S/.test(rest)) {
      const flow = /^[ \t]*[{[]/.test(rest) ? flowContext(rest) : undefined;
      if (!flow) return undefined;
      flowKeys = [key, ...flow.keys];
      key = flow.key;
    }
  } else {
    // A sequence item written as a flow map (`- {port: 80, targetPort: `), or a key being typed.
    const item = /^([ \t]*)(-[ \t]+)?(?=[{[])/.exec(before);
    const flow = item ? flowContext(before.slice(item[0].length, offset - lineStart - word.length)) : undefined;
    const k = flow ? item : /^([ \t]*)(-[ \t]+)?([^\s:#]*)$/.exec(before);
    if (!k) return undefined;
    col = (k[1] ?? '').length + (k[2] ?? '').length;
    if (flow) {
      flowKeys = flow.keys;
      key = flow.key;
    }
  }
  return { keys: [...enclosingKeys(text, lineStart, col), ...flowKeys], key, partial: word, span };
}

/**
 * Inside a flow collection opened on the cursor's line (`selector: {app: `, `ports: [{port: 80, targetPort: `):
 * the keys of the maps around the cursor (sequences are transparent) and the key being valued, if any.
 */
function flowContext(rest: string): { keys: string[]; key: string | undefined } | undefined {
  const stack: { map: boolean; key?: string }[] = [];
  let token = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    const top = stack[stack.length - 1];
    if (ch === '"' || ch === "'") {
      const close = rest.indexOf(ch, i + 1);
      if (close < 0) return undefined;
      token += rest.slice(i, close + 1);
      i = close;
    } else if (ch === '{' || ch === '[') {
      stack.push({ map: ch === '{' });
      token = '';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      if (stack.length === 0) return undefined;
      token = '';
    } else if (ch === ',') {
      if (top) top.key = undefined;
      token = '';
    } else if (ch === ':' && top?.map && /\s/.test(rest[i + 1] ?? ' ')) {
      top.key = unquote(token.trim());
      token = '';
    } else token += ch;
  }
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  return { keys: stack.slice(0, -1).flatMap((f) => (f.map && f.key !== undefined ? [f.key] : [])), key: top.map ? top.key : undefined };
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
