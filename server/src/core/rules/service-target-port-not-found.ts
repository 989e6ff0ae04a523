/**
 * rules.md: a Service port's effective targetPort is not a container port of (some of) the
 * Pod templates its selector matches. A port that exists only with another protocol is
 * left to service-port-protocol-mismatch.
 */
import { closestNames } from '../links/closest';
import { describeContainerPort, describeTarget } from '../links/ports';
import {
  describeWorkload,
  groupCopies,
  ianaNameProblems,
  isPlaceholder,
  portStatus,
  serviceBackends,
  type ServiceBackend,
} from '../links/services';
import { addContainerPort, containerPortMap, servicePortMap, setKey } from '../links/services-edits';
import type { Lookup } from '../index/lookup';
import { listed, maxRelated, relatedFor, type Fix, type RelatedPlace, type Severity, type TextEditSpec } from '../model/finding';
import { effectiveTargetPort, type ContainerPort, type PodTemplate, type Resource, type ServicePort } from '../model/resource';
import { templatePorts } from '../parse/extractWorkload';
import type { Rule } from './rule';

/** Fixes offered at most, so the light bulb menu stays readable. */
const maxChangeFixes = 6;
/** Workloads one "Add containerPort" fix edits at the most. */
const maxFixEdits = 50;

export const rule: Rule = {
  meta: {
    id: 'service-target-port-not-found',
    severity: 'error',
    description:
      'A Service targetPort is not a container port of the Pods it selects (error by name, warning by number or when only some Pods lack it).',
    severityNote: 'error for a port name; warning for a number, or when only some of the selected Pods lack the port',
  },
  check(r, ctx) {
    const backends = serviceBackends(ctx.lookup, r);
    if (backends.length === 0) return;
    const folder = r.file.path.slice(0, r.file.path.lastIndexOf('/') + 1);
    r.service!.ports.forEach((port, i) => {
      const target = backends[0]!.ports[i]!.target;
      const loc = effectiveTargetPort(port);
      if (target === undefined || !loc || !validTarget(target)) return;
      // Services over the same selection (thousands of them over the same Pods) share the analysis.
      const a = ctx.lookup.once(backends, `target-port\0${i}\0${port.port?.value}\0${port.protocol}\0${folder}`, (l) =>
        analyse(l, backends, i, port, target, folder),
      );
      if (!a) return;
      const written = port.targetPort && port.targetPort.value !== 0 && port.targetPort.value !== '';
      // `targetPort: 0` (or "") is said as written: the API reads it as unset, so `port` it is.
      const asUnset =
        port.targetPort && !written
          ? `targetPort ${port.targetPort.value === 0 ? '0' : '""'} (which the API reads as unset, so the Pods must listen on port ${target})`
          : undefined;
      const what = written
        ? `targetPort ${describeTarget(target)}`
        : (asUnset ?? `port ${target} (no targetPort, so the Pods must listen on ${target})`);
      const pick = a.change.preferred;
      const message = a.all
        ? `No selected Pod declares port ${describeTarget(target)}: ${pick !== undefined ? `use targetPort ${describeTarget(pick)}` : 'use a port they declare'}. For Service ${r.name}, ${what} is not a port of the Pods it selects: ${a.declared}.`
        : `Port ${describeTarget(target)} is missing in ${a.lacking} of ${a.groups} selected workloads: declare it there or narrow the selector. For Service ${r.name}, ${what} is missing in ${a.names}: ${a.lacking > 1 ? 'their' : 'its'} Pods get no traffic on port ${port.port?.value ?? target}. ${a.declared}.`;
      ctx.report({
        severity: a.severity,
        message,
        span: loc.span,
        related: a.related,
        fixes: [...(a.all ? changeFixes(r, port, a.change) : []), ...a.add],
      });
    });
  },
};

/** What one Service port's check finds over a selection, the same for every Service over it. */
interface Analysis {
  severity: Severity;
  all: boolean;
  lacking: number;
  groups: number;
  names: string;
  declared: string;
  related: RelatedPlace[];
  change: ChangeCandidates;
  add: Fix[];
}

function analyse(
  lookup: Lookup,
  backends: readonly ServiceBackend[],
  i: number,
  port: ServicePort,
  target: string | number,
  folder: string,
): Analysis | undefined {
  const groups = lookup.once(backends, 'groups', () => groupCopies(backends));
  const status = groups.map((g) => ({ g, s: portStatus(lookup, g, i) }));
  // Nothing reaches the Pods when no group has the port (missing, or only another protocol).
  const all = status.every(({ s }) => s === 'missing' || s === 'otherProtocol');
  let lacking = status.filter(({ s }) => s === 'missing').map(({ g }) => g);
  if (!all && lacking.length > 0) {
    // Some Pods have (or may have) the port. A template lacking it that lives farther from the Service
    // than the nearest one having it is most likely another app reusing the labels (a repo
    // of samples sharing `default`), not a Pod of this Service: say nothing about it.
    const closeness = closenessTo(folder);
    const near = Math.max(...status.filter(({ s }) => s === 'match' || s === 'unknown').map(({ g }) => closeness(g)));
    lacking = lacking.filter((g) => closeness(g) >= near);
  }
  if (lacking.length === 0) return undefined;
  const firsts = lacking.map((g) => g[0]!);
  // Named in the message: the first few (a Service may select thousands of templates).
  const few = firsts.slice(0, 5);
  const reached = status.filter(({ s }) => s === 'match').map(({ g }) => g[0]!);
  return {
    severity: all && typeof target === 'string' ? 'error' : 'warning',
    all,
    lacking: lacking.length,
    groups: groups.length,
    names: listed(
      few.map((b) => describeWorkload(b.template.owner)),
      ', ',
      5,
      firsts.length,
    ),
    declared: listed(
      few.map((b) => `${describeWorkload(b.template.owner)} declares ${declaredList(b.template, port.protocol)}`),
      '; ',
      5,
      firsts.length,
    ),
    related: [
      ...relatedFor(
        firsts,
        (b) => ({
          file: b.template.owner.file,
          span: portsSpan(b.template),
          message: `${describeWorkload(b.template.owner)}: ${declaredList(b.template, port.protocol)}`,
        }),
        maxRelated - 3,
      ),
      ...reached.slice(0, 3).map((b) => ({
        file: b.template.owner.file,
        span: b.ports[i]!.matches[0]?.span ?? b.template.anchorSpan,
        message: `${describeWorkload(b.template.owner)} declares it`,
      })),
    ],
    change: all ? changeCandidates(port, target, lacking.flat()) : { values: [] },
    add: addFixes(port, target, lacking.flat()),
  };
}

/**
 * How many leading folders a Service's file shares with the nearest copy of a workload,
 * measured once per folder of the copies (workloads that share a label sit in few folders).
 */
function closenessTo(path: string): (copies: readonly ServiceBackend[]) => number {
  // `path` is the Service's folder (ending in `/`): only its folders count.
  const folders: { name: string; at: number }[] = [];
  for (let at = 0, slash = path.indexOf('/'); slash >= 0; at = slash + 1, slash = path.indexOf('/', at))
    folders.push({ name: path.slice(at, slash + 1), at });
  const byFolder = new Map<string, number>();
  const shared = (folder: string): number => {
    let n = byFolder.get(folder);
    if (n !== undefined) return n;
    for (n = 0; n < folders.length && folder.startsWith(folders[n]!.name, folders[n]!.at); n++);
    byFolder.set(folder, n);
    return n;
  };
  return (copies) => {
    let best = 0;
    for (const b of copies) {
      const p = b.template.owner.file.path;
      best = Math.max(best, shared(p.slice(0, p.lastIndexOf('/') + 1)));
    }
    return best;
  };
}

/** Targets this rule can judge: valid port names, and numbers in 1–65535 (the rest are port-name-invalid's and port-number-invalid's). */
function validTarget(t: string | number): boolean {
  return typeof t === 'string'
    ? t.length > 0 && !isPlaceholder(t) && ianaNameProblems(t).length === 0
    : Number.isInteger(t) && t >= 1 && t <= 65535;
}

function declaredList(pt: PodTemplate, protocol: string): string {
  const ports = templatePorts(pt);
  if (ports.length === 0) return 'no ports';
  const same = ports.filter((p) => p.protocol === protocol);
  return (same.length > 0 ? same : ports).map(describePort).join(', ');
}

/** Like describeContainerPort, but shows a containerPort that is not a number as written. */
function describePort(cp: ContainerPort): string {
  return cp.containerPort || !cp.rawContainerPort
    ? describeContainerPort(cp)
    : `${String(cp.rawContainerPort.value)}${cp.name ? ` (${cp.name.value})` : ''}`;
}

function portsSpan(pt: PodTemplate): readonly [number, number] {
  const first = templatePorts(pt)[0];
  return first ? first.span : (pt.containers[0]?.nameSpan ?? pt.anchorSpan);
}

/** The container ports a "Change targetPort to …" fix may offer, and the one it prefers (the same for every Service over a selection). */
interface ChangeCandidates {
  values: (string | number)[];
  preferred?: string | number;
}

function changeCandidates(port: ServicePort, written: string | number, templates: ServiceBackend[]): ChangeCandidates {
  const candidates: (string | number)[] = [];
  const seen = new Set<string>();
  const add = (v: string | number): void => {
    const key = typeof v === 'number' ? `n${v}` : `s${v}`;
    if (seen.has(key)) return;
    candidates.push(v);
    seen.add(key);
  };
  const distinct = new Set<ContainerPort>();
  for (const b of templates) {
    for (const cp of templatePorts(b.template)) {
      if (cp.protocol !== port.protocol) continue;
      distinct.add(cp);
      if (cp.containerPort) add(cp.containerPort.value);
      // A name the API rejects (`HTTP`) would trade this finding for port-name-invalid.
      if (cp.name && ianaNameProblems(cp.name.value).length === 0) add(cp.name.value);
    }
  }
  const values = candidates.slice(0, maxChangeFixes);
  // One container port (by number and maybe by name): prefer the form the user wrote.
  if (distinct.size === 1) {
    const cp = [...distinct][0]!;
    const want = typeof written === 'string' && cp.name ? cp.name.value : cp.containerPort?.value;
    return { values, preferred: want !== undefined && values.includes(want) ? want : values[0] };
  }
  // A typo of one container port name (`metric` for `metrics`): that name is the obvious fix.
  const [near, ...others] =
    typeof written === 'string'
      ? closestNames(
          written,
          candidates.filter((v): v is string => typeof v === 'string'),
        )
      : [];
  return { values, preferred: near !== undefined && others.length === 0 && values.includes(near) ? near : undefined };
}

/** "Change targetPort to 8080" / "… to "http"" for each candidate container port of the Service's protocol. */
function changeFixes(r: Resource, port: ServicePort, c: ChangeCandidates): Fix[] {
  const map = servicePortMap(r, port);
  if (!map) return [];
  const fixes: Fix[] = [];
  for (const v of c.values) {
    const edit = setKey(r.file, map, 'targetPort', v);
    if (edit)
      fixes.push({ title: `Change targetPort to ${describeTarget(v)}`, edits: [edit], ...(v === c.preferred ? { preferred: true } : {}) });
  }
  return fixes;
}

/**
 * "Add containerPort 8080 to container app of Deployment web": for a named target, the
 * number is the Service port's; when the container already declares that number without a
 * name, the fix names that port instead of adding a second one.
 */
function addFixes(port: ServicePort, target: string | number, lacking: ServiceBackend[]): Fix[] {
  const edits: TextEditSpec[] = [];
  const number = typeof target === 'number' ? target : port.port?.value;
  // One fix editing hundreds of workloads is no quick fix, and building it costs as much as they are many.
  if (lacking.length > maxFixEdits) return [];
  if (number === undefined || number < 1 || number > 65535) return [];
  let title = '';
  for (const b of lacking) {
    const ctr = b.template.containers.find((c) => !c.init) ?? b.template.containers[0];
    if (!ctr) continue;
    const file = b.template.owner.file;
    const who = `container ${ctr.name || '(unnamed)'} of ${describeWorkload(b.template.owner)}`;
    const unnamed: ContainerPort | undefined =
      typeof target === 'string'
        ? ctr.ports.find((cp) => !cp.name && cp.containerPort?.value === number && cp.protocol === port.protocol)
        : undefined;
    // That number already declared under another name: "Change targetPort to <that name>" is
    // offered; a second entry for the same port would only draw the API's duplicate warning.
    if (ctr.ports.some((cp) => cp.name && cp.containerPort?.value === number && cp.protocol === port.protocol)) continue;
    const cpMap = unnamed && containerPortMap(unnamed);
    if (cpMap && typeof target === 'string') {
      const e = setKey(file, cpMap, 'name', target);
      if (!e) continue;
      edits.push(e);
      title ||= `Name containerPort ${number} "${target}" in ${who}`;
      continue;
    }
    const entries: [string, string | number][] = [['containerPort', number]];
    if (typeof target === 'string') entries.push(['name', target]);
    if (port.protocol !== 'TCP') entries.push(['protocol', port.protocol]);
    const e = addContainerPort(file, ctr, entries);
    if (!e) continue;
    edits.push(e);
    title ||= `Add containerPort ${number}${typeof target === 'string' ? ` "${target}"` : ''} to ${who}`;
  }
  if (edits.length === 0) return [];
  if (edits.length > 1) title += ` and ${edits.length - 1} more`;
  return [{ title, edits }];
}
