/**
 * One file's text → its resources, with every span the rules need. Documents are split at
 * `---` lines first, so a broken document is reported (`yaml-syntax`) and its neighbours
 * are still analysed. Each document is read by readYaml.ts, the one way text becomes trees;
 * CustomResourceDefinitions (most of the bytes of a real repository, and no part of any
 * traffic path) are recognised from their header lines and never parsed.
 */
import {
  clusterScopedKinds,
  gatewayKinds,
  noIgnoredLines,
  noIgnoredRules,
  routeKinds,
  type DnsRef,
  type FileFacts,
  type Resource,
  type SourceFile,
} from '../model/resource';
import { get, getMap, getScalar, getSeq, getStr, isMap, isScalar, isSeq, scalarTexts, type YMap } from '../model/ytree';
import { fieldProblems } from './fieldShapes';
import { rememberDocuments, splitDocuments, sniff, type DocChunk } from './documents';
import { configMapDnsRefs, containerDnsRefs } from './extractDns';
import { extractBackendTLSPolicy, extractGateway } from './extractGateway';
import { extractIngress, extractNetworkPolicy, extractReferenceGrant, extractRoute } from './extractNetwork';
import { extractService } from './extractService';
import { extractPodTemplate } from './extractWorkload';
import { readDocument, syntaxProblem } from './readYaml';
import { reparse } from './reuse';
import { editedLineStarts } from '../model/positions';
import { scanSuppressions } from './suppressions';

export {
  defaultParseOptions,
  isKustomizationPath,
  keyTable,
  type FolderContext,
  type ParseContext,
  type ParseOptions,
} from './parseOptions';
import { isKustomizationPath, type FolderContext, type ParseContext, type ParseOptions } from './parseOptions';

/** `List` or a typed list kind (`ServiceList`): kubectl applies their `items`. */
function isListKind(kind: string): boolean {
  return kind.endsWith('List') && /^[A-Z]/.test(kind);
}

/**
 * Parse one file; `ctx` hands out resource ids and shared keys (see ParseContext). With
 * `previous`, the file's last version in the index (parsed with the same options, folder
 * context and file facts), only the documents an edit changed are parsed again (see
 * reuse.ts): the others keep or copy their resources, taken from `previous`, which must not
 * be used after; `moved` maps each new resource of a document that only moved to the one it
 * replaces. `facts` are what the reader knew about the file's bytes (left unread for its
 * size, not UTF-8).
 */
export function parseFile(
  uri: string,
  path: string,
  text: string,
  version: number,
  opts: ParseOptions,
  folder: FolderContext | undefined,
  ctx: ParseContext,
  previous?: SourceFile,
  moved?: Map<Resource, Resource>,
  facts?: FileFacts,
): SourceFile {
  const file: SourceFile = {
    uri,
    path,
    text,
    version,
    resources: [],
    problems: [],
    ignoredRules: noIgnoredRules,
    ignoredLines: noIgnoredLines,
    ...(facts ? { facts } : {}),
  };
  const size = facts?.unreadSize ?? text.length;
  if (size > opts.maxFileSize || facts?.unreadSize !== undefined) {
    file.excluded = 'too-large';
    file.problems.push({
      rule: 'file-skipped',
      severity: 'info',
      message: `File skipped: ${megabytes(size)} MB is over the ${megabytes(opts.maxFileSize)} MB limit (setting podpath.maxFileSize).`,
      span: [0, 0],
    });
    return file;
  }
  if (text.includes('\u0000')) {
    file.excluded = 'binary';
    file.problems.push({
      rule: 'file-skipped',
      severity: 'info',
      message: 'File skipped: it holds binary data (NUL bytes), not YAML text.',
      span: [0, 0],
    });
    return file;
  }
  if (folder?.helmTemplate || (/(^|\/)templates\//.test(path) && text.includes('{{'))) {
    file.excluded = 'helm-template';
    return file;
  }
  // Kustomizations and patches hold no objects, but findings of built units lie in them: their comments count.
  scanSuppressions(file);
  if (folder?.listedAsPatch || isKustomizationPath(path)) {
    file.excluded = folder?.listedAsPatch ? 'kustomize-patch' : 'not-kubernetes';
    return file;
  }
  const chunks = splitDocuments(text);
  const parse = (chunk: DocChunk): void => parseChunk(file, chunk, opts, folder, ctx);
  if (!previous) chunks.forEach(parse);
  else {
    // A typed list's item without apiVersion and kind keeps the ones it inherited.
    let byRoot: Map<YMap | undefined, Resource> | undefined;
    const read = (root: YMap): void => {
      byRoot ??= new Map(previous.resources.map((r) => [r.root, r]));
      const was = getScalar(root, 'kind') ? undefined : byRoot.get(root);
      fromTree(file, root, opts, folder, ctx, was ? { apiVersion: was.apiVersion, kind: was.kind } : undefined);
    };
    const same = reparse(previous, file, chunks, ctx.nextId, parse, read, moved);
    if (previous.lineStarts && same) file.lineStarts = editedLineStarts(previous.lineStarts, text, same.prefix, same.suffix, same.delta);
  }
  rememberDocuments(file, chunks);
  if (file.resources.length === 0 && file.problems.length === 0) file.excluded = 'not-kubernetes';
  return file;
}

function megabytes(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

function parseChunk(file: SourceFile, chunk: DocChunk, opts: ParseOptions, folder: FolderContext | undefined, ctx: ParseContext): void {
  if (file.facts?.invalidUtf8) {
    // kubectl reads bytes, and stops at the first that is not UTF-8; the reader made each one a U+FFFD.
    const bad = chunk.text.indexOf('\uFFFD');
    if (bad >= 0) {
      file.problems.push(
        syntaxProblem(chunk, 'invalid UTF-8 here (shown as \uFFFD): the file must be UTF-8 text, kubectl rejects it', [bad, bad + 1]),
      );
      return;
    }
  }
  const head = sniff(chunk.text);
  if (head.kind === 'CustomResourceDefinition' && head.apiVersion) {
    const meta = cheapMetadata(chunk.text);
    if (meta) {
      addResource(
        file,
        {
          apiVersion: head.apiVersion,
          kind: head.kind,
          ...meta,
          root: undefined,
          span: [chunk.start, chunk.start + chunk.text.length],
          nameSpan: [chunk.start + meta.nameAt, chunk.start + meta.nameAt + meta.name.length],
        },
        opts,
        folder,
        ctx,
      );
      return;
    }
  }
  const doc = readDocument(chunk, { key: ctx.key });
  file.problems.push(...doc.problems);
  const root = doc.root;
  if (!isMap(root)) return;
  const kind = getStr(root, 'kind');
  // kubectl applies the items of a `List`, and of a typed list (`ServiceList`, `NetworkPolicyList`, …).
  if (kind !== undefined && isListKind(kind) && getScalar(root, 'apiVersion') && (kind === 'List' || isSeq(get(root, 'items')))) {
    // Items of a typed list that name neither apiVersion nor kind take the list's (as kubectl's decoder does).
    const inherit = kind === 'List' ? undefined : { apiVersion: getStr(root, 'apiVersion'), kind: kind.slice(0, -'List'.length) };
    for (const item of getSeq(root, 'items')) if (isMap(item)) fromTree(file, item, opts, folder, ctx, inherit);
    return;
  }
  fromTree(file, root, opts, folder, ctx);
}

/**
 * The resource of an object tree that is not a document of `file` as written: a built object
 * (core/units/built.ts) whose spans point into `file`'s text. Undefined when it is no object.
 */
export function resourceOfTree(file: SourceFile, root: YMap, opts: ParseOptions, ctx: ParseContext): Resource | undefined {
  const n = file.resources.length;
  fromTree(file, root, opts, undefined, ctx);
  return file.resources.length > n ? file.resources[file.resources.length - 1] : undefined;
}

interface Header {
  apiVersion: string;
  kind: string;
  name: string;
  nameSpan: [number, number];
  namespace: string | undefined;
  root: YMap | undefined;
  span: [number, number];
  labels?: ReadonlyMap<string, string>;
  annotations?: ReadonlyMap<string, string>;
}

function fromTree(
  file: SourceFile,
  root: YMap,
  opts: ParseOptions,
  folder: FolderContext | undefined,
  ctx: ParseContext,
  inherit?: { apiVersion: string | undefined; kind: string },
): void {
  let apiVersion = getScalar(root, 'apiVersion');
  let kind = getScalar(root, 'kind');
  if (inherit?.apiVersion !== undefined && !apiVersion && !kind) {
    apiVersion = { t: 'scalar', value: inherit.apiVersion, span: root.span, quoted: false };
    kind = { t: 'scalar', value: inherit.kind, span: [root.span[0], root.span[0]], quoted: false };
  }
  if (typeof apiVersion?.value !== 'string' || typeof kind?.value !== 'string') return;
  if (kind.value === 'Kustomization' || kind.value === 'Component') return;
  const metadata = getMap(root, 'metadata');
  const nameNode = getScalar(metadata, 'name');
  const r = addResource(
    file,
    {
      apiVersion: apiVersion.value,
      kind: kind.value,
      name: nameNode && nameNode.value !== null ? String(nameNode.value) : '',
      nameSpan: nameNode ? [nameNode.span[0], nameNode.span[1]] : [kind.span[0], kind.span[1]],
      namespace: getStr(metadata, 'namespace'),
      root,
      span: [root.span[0], root.span[1]],
      labels: stringValues(getMap(metadata, 'labels')),
      annotations: stringValues(getMap(metadata, 'annotations')),
    },
    opts,
    folder,
    ctx,
  );
  extractViews(r, root, opts);
  // Only what rules, fixes and editor features read again keeps its tree: the others hold
  // what they need in their views (a ConfigMap its DNS references and data, a Secret its
  // name), like the kinds read from their header.
  if (!keepsTree(r, root)) r.root = undefined;
}

/**
 * The trees read again later: of the traffic path's views, of a ReferenceGrant (a Service
 * rename edits it), of a ConfigMap with DNS references (its findings get quick fixes, which
 * look at the YAML around them), and of any object with a wrong-typed field (the rule points into it).
 */
function keepsTree(r: Resource, root: YMap): boolean {
  return (
    r.podTemplate !== undefined ||
    r.service !== undefined ||
    r.ingress !== undefined ||
    r.networkPolicy !== undefined ||
    r.route !== undefined ||
    r.referenceGrant !== undefined ||
    r.gateway !== undefined ||
    r.backendTLSPolicy !== undefined ||
    r.dnsRefs.length > 0 ||
    fieldProblems(r.kind, false, root).length > 0
  );
}

/** A map's scalar values as strings (null as ''), without their spans: `strMap` less what a resource's labels need. */
function stringValues(n: YMap | undefined): ReadonlyMap<string, string> {
  if (!n || n.pairs.size === 0) return noStrings;
  const out = new Map<string, string>();
  for (const p of n.pairs.values()) if (isScalar(p.value)) out.set(p.key, p.value.value === null ? '' : String(p.value.value));
  return out;
}

// Most resources have no annotations, no ignored rules, no DNS references: they share these (never changed: the model is read-only).
const noStrings: ReadonlyMap<string, string> = new Map();
const noRules: ReadonlySet<string> = new Set();
const noRefs: readonly DnsRef[] = Object.freeze([]);

function addResource(file: SourceFile, h: Header, opts: ParseOptions, folder: FolderContext | undefined, ctx: ParseContext): Resource {
  const clusterScoped = clusterScopedKinds.has(h.kind);
  const fromKustomize = !h.namespace && folder?.listedAsResource && folder.namespace ? folder.namespace : undefined;
  const annotations = h.annotations ?? noStrings;
  const ignore = annotations.get('podpath.dev/ignore');
  const ignored = ignore
    ? ignore
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const r: Resource = {
    id: ctx.nextId(),
    file,
    apiVersion: h.apiVersion,
    kind: h.kind,
    name: h.name,
    nameSpan: h.nameSpan,
    namespace: clusterScoped ? undefined : (h.namespace ?? fromKustomize ?? opts.defaultNamespace),
    namespaceFrom: clusterScoped ? 'cluster' : h.namespace ? 'metadata' : fromKustomize ? 'kustomization' : 'default',
    span: h.span,
    root: h.root,
    labels: h.labels ?? noStrings,
    annotations,
    ignoredRules: ignored.length ? new Set(ignored) : noRules,
    dnsRefs: noRefs,
  };
  file.resources.push(r);
  return r;
}

function extractViews(r: Resource, root: YMap, opts: ParseOptions): void {
  const ns = r.namespace ?? opts.defaultNamespace;
  switch (r.kind) {
    case 'Service':
      r.service = extractService(root);
      return;
    case 'Ingress':
      r.ingress = extractIngress(root);
      return;
    case 'NetworkPolicy':
      r.networkPolicy = extractNetworkPolicy(root);
      return;
    case 'ReferenceGrant':
      r.referenceGrant = extractReferenceGrant(root);
      return;
    case 'ConfigMap': {
      const refs = configMapDnsRefs(root, ns, opts.clusterDomain, r.file.text);
      if (refs.length) r.dnsRefs = refs;
      r.dataMentions = { texts: scalarTexts([...(getMap(root, 'data')?.pairs.values() ?? [])].map((p) => p.value)) };
      return;
    }
    case 'BackendTLSPolicy':
      r.backendTLSPolicy = extractBackendTLSPolicy(root);
      return;
    case 'Certificate':
      r.certificateSecretName = getStr(root, 'spec', 'secretName');
      return;
  }
  if (routeKinds.has(r.kind)) {
    r.route = extractRoute(root);
    return;
  }
  if (gatewayKinds.has(r.kind) && r.apiVersion.startsWith('gateway.networking')) {
    r.gateway = extractGateway(root, r.kind);
    return;
  }
  const pt = extractPodTemplate(r, root);
  if (pt) {
    r.podTemplate = pt;
    const refs = pt.containers.flatMap((c) => containerDnsRefs(c.node, ns, opts.clusterDomain, r.file.text));
    if (refs.length) r.dnsRefs = refs;
    if (r.kind === 'StatefulSet') {
      const sn = getScalar(root, 'spec', 'serviceName');
      if (sn && typeof sn.value === 'string') r.statefulSetServiceName = { value: sn.value, span: sn.span };
    }
  }
}

/**
 * `metadata.name`/`namespace` read from the lines under a top-level `metadata:` line,
 * without parsing; undefined when the header is not plainly written (then we parse).
 */
function cheapMetadata(text: string): { name: string; nameAt: number; namespace: string | undefined } | undefined {
  const m = /^metadata:[ \t]*(?:#.*)?\r?\n/m.exec(text);
  if (!m) return undefined;
  let at = m.index + m[0].length;
  let indent: string | undefined;
  let name: string | undefined;
  let nameAt = 0;
  let namespace: string | undefined;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end).replace(/\r$/, '');
    const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (line.trim() === '' || line.trim().startsWith('#')) {
      at = end + 1;
      continue;
    }
    if (lead.length === 0) break;
    if (indent === undefined) indent = lead;
    if (lead === indent) {
      const kv = /^[ \t]*(name|namespace):[ \t]*(["']?)([-a-zA-Z0-9._:]*)\2[ \t]*(?:#.*)?$/.exec(line);
      if (kv?.[1] === 'name') {
        name = kv[3] ?? '';
        nameAt = at + line.indexOf(name, lead.length + 5);
      } else if (kv?.[1] === 'namespace') namespace = kv[3];
      else if (/^[ \t]*(name|namespace):/.test(line)) return undefined;
    }
    at = end + 1;
  }
  return name === undefined ? undefined : { name, nameAt, namespace };
}
