/**
 * Code lenses: above each Service, `Show traffic path · 3 pods · 2 routes` (or `no pods`),
 * which opens the traffic-path panel; above each workload, the Services that expose it
 * (`exposed by web:80, api:8080`); on the first backend line of each Service an Ingress or
 * route sends to, `Show traffic path of web`; above each Gateway listener, the routes it
 * takes (`3 routes · HTTPS :443 *.example.com`).
 */
import { nsName } from '../index/tables';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { realPlace, type Resource, type SourceFile } from '../model/resource';
import type { Lookup } from '../index/lookup';
import type { Span } from '../model/ytree';
import { selectsPods, serviceBackends } from '../links/services';
import { portTargets, servicesSelecting } from './definition';
import { listenerLenses } from './gateway';
import { variantsOfChartFile, type ChartVariant, type VariantKeeps } from './chartVariants';

/**
 * The command the lenses run (declared in package.json): VS Code's extension opens its panel,
 * other editors run it on the server (`workspace/executeCommand`, see protocol.ts).
 */
export const showTrafficPathCommand = 'podpath.showTrafficPath';

/**
 * The command of a chart variant's lens (chartVariants.ts): VS Code's extension adds the unit
 * to the setting `podpath.units`; other editors run it on the server, which adds it to `.podpath.yaml`.
 */
export const checkChartVariantCommand = 'podpath.checkChartVariant';

/**
 * What the variant lens passes: the chart folder and the values file (URIs), a name for the
 * unit, and what of the chart's unit now (wherever it is written) the new one keeps.
 */
export interface ChartVariantArgs {
  chart: string;
  values: string;
  name: string;
  keep?: VariantKeeps;
}

export interface Lens {
  span: Span;
  title: string;
  /** Absent: the lens only informs. */
  command?: { id: string; args: [{ namespace: string; name: string }] } | { id: string; args: [ChartVariantArgs] };
}

/** The lenses of a file. */
export function codeLensesOf(index: WorkspaceIndex, file: SourceFile): Lens[] {
  const variants = variantsOfChartFile(index, file.uri);
  if (variants.length) return variantLenses(file, variants);
  // A file a kustomize build reads: the lenses of the objects its first unit built from it, at the places they came from.
  const built = index.builtAt(file)[0];
  if (built) {
    const home = built.built.resources.filter((r) => r.file.segments?.[0]?.file === file);
    return lensesOf(index, home, index.lookup({ unit: built.unit })).flatMap(({ lens, r }) => {
      const at = realPlace(r.file, lens.span);
      return at.file === file ? [{ ...lens, span: at.span }] : [];
    });
  }
  return lensesOf(index, file.resources, index.lookup({ uri: file.uri })).map((x) => x.lens);
}

function lensesOf(index: WorkspaceIndex, resources: readonly Resource[], lookup: Lookup): { lens: Lens; r: Resource }[] {
  const out: { lens: Lens; r: Resource }[] = [];
  const push = (r: Resource, ...lenses: Lens[]): void => {
    for (const lens of lenses) out.push({ lens, r });
  };
  for (const r of resources) {
    if (r.namespace === undefined) continue;
    const span: Span = [r.span[0], r.span[0]];
    if (r.service) {
      push(r, {
        span,
        title: serviceTitle(index, r),
        command: { id: showTrafficPathCommand, args: [{ namespace: r.namespace, name: r.name }] },
      });
    } else if (r.podTemplate) {
      const services = servicesSelecting(lookup, r.podTemplate);
      if (!services.length) {
        push(r, { span, title: 'not exposed by a Service' });
        continue;
      }
      const parts = services.map((s) => {
        const ports = s.service!.ports.filter((p) =>
          portTargets(lookup, s, p).some((t) => t.template === r.podTemplate && !t.otherProtocol),
        );
        return ports.length ? ports.map((p) => `${s.name}:${p.port?.value ?? '?'}`).join(', ') : `${s.name} (no port reaches it)`;
      });
      const first = services[0]!;
      push(r, {
        span,
        title: `exposed by ${parts.join(', ')}`,
        command: { id: showTrafficPathCommand, args: [{ namespace: first.namespace!, name: first.name }] },
      });
    } else if (r.gateway) {
      push(r, ...listenerLenses(lookup, r));
    } else if (r.ingress || r.route) {
      push(r, ...backendLenses(index, r));
    }
  }
  return out;
}

/** One lens per Service an Ingress or route sends to (that the workspace has), at its first backend line. */
function backendLenses(index: WorkspaceIndex, r: Resource): Lens[] {
  const lookup = index.lookup({ uri: r.file.uri });
  const refs: { namespace: string; name: string; at: number }[] = [];
  if (r.ingress) {
    const backends = [
      ...r.ingress.rules.flatMap((rule) => rule.paths.map((p) => p.backend)),
      ...(r.ingress.defaultBackend ? [r.ingress.defaultBackend] : []),
    ];
    for (const b of backends) refs.push({ namespace: r.namespace!, name: b.serviceName.value, at: b.serviceName.span[0] });
  }
  for (const rule of r.route?.rules ?? []) {
    for (const b of rule.backendRefs) {
      if ((b.kind || 'Service') !== 'Service' || (b.group ?? '') !== '') continue;
      refs.push({ namespace: b.namespace?.value ?? r.namespace!, name: b.name.value, at: b.name.span[0] });
    }
  }
  const seen = new Set<string>();
  const out: Lens[] = [];
  for (const ref of refs) {
    const key = nsName(ref.namespace, ref.name);
    if (seen.has(key) || ![...lookup.get('svc', key)].length) continue;
    seen.add(key);
    const lineStart = r.file.text.lastIndexOf('\n', ref.at - 1) + 1;
    const where = ref.namespace === r.namespace ? ref.name : `${ref.namespace}/${ref.name}`;
    out.push({
      span: [lineStart, lineStart],
      title: `Show traffic path of ${where}`,
      command: { id: showTrafficPathCommand, args: [{ namespace: ref.namespace, name: ref.name }] },
    });
  }
  return out;
}

function serviceTitle(index: WorkspaceIndex, r: Resource): string {
  const lookup = index.lookup({ uri: r.file.uri });
  const s = r.service!;
  const parts = ['Show traffic path'];
  if (s.type === 'ExternalName') parts.push(`ExternalName → ${s.externalName ?? '?'}`);
  else if (!selectsPods(s)) parts.push('no selector');
  else {
    const templates = serviceBackends(lookup, r).map((b) => b.template);
    const pods = templates.reduce((n, pt) => n + (pt.replicas ?? 1), 0);
    const daemons = templates.some((pt) => pt.owner.kind === 'DaemonSet');
    parts.push(
      templates.length === 0
        ? 'no pods'
        : daemons
          ? `${plural(templates.length, 'workload')} (DaemonSet: a pod per node)`
          : plural(pods, 'pod'),
    );
  }
  let routes = 0;
  for (const u of lookup.get('users', nsName(r.namespace!, r.name))) if (u.via === 'ingress' || u.via === 'route') routes++;
  if (routes) parts.push(plural(routes, 'route'));
  return parts.join(' · ');
}

/**
 * On a chart's `Chart.yaml` (its `name:` line), one lens per `ci/*-values.yaml`: `Check with
 * ci/x-values.yaml`, which adds a unit for it (in place of the chart's unit, if it has one:
 * one unit per chart), or `Checked with ci/x-values.yaml (unit NAME)`.
 */
function variantLenses(file: SourceFile, variants: readonly ChartVariant[]): Lens[] {
  const name = /^name\s*:/m.exec(file.text);
  const span: Span = [name?.index ?? 0, name?.index ?? 0];
  return variants.map((v) =>
    v.checkedBy !== undefined
      ? { span, title: `Checked with ${v.inChart} (unit ${v.checkedBy})` }
      : {
          span,
          title: `Check with ${v.inChart}${v.unit !== undefined ? ` (in place of unit ${v.unit})` : ''}`,
          command: {
            id: checkChartVariantCommand,
            args: [{ chart: v.chartUri, values: v.uri, name: v.suggestedName, ...(v.keep ? { keep: v.keep } : {}) }],
          },
        },
  );
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
