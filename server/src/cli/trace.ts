/** `podpath trace`: find the Service, build its graph, print it as text, json or svg. */
import { buildTrafficGraph } from '../core/features/trafficPath';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';
import { closestNames } from '../core/links/closest';
import type { PodpathConfig } from '../node/config';
import { UsageError } from '../node/loadWorkspace';
import { renderSvg } from '../../../webview/src/render/svgString';
import { formatTraceText } from './traceText';

export function runTrace(
  index: WorkspaceIndex,
  service: string,
  format: 'text' | 'json' | 'svg',
  config: PodpathConfig,
  unit?: string,
): string {
  const slash = service.indexOf('/');
  const wantNs = slash >= 0 ? service.slice(0, slash) : undefined;
  const name = slash >= 0 ? service.slice(slash + 1) : service;
  const services = [...index.resources()].filter((r) => r.service && r.namespace !== undefined);
  const hits = services.filter((r) => r.name === name && (wantNs === undefined || r.namespace === wantNs));
  if (hits.length === 0) {
    const all = services.map((r) => `${r.namespace}/${r.name}`);
    const near = closestNames(wantNs ? `${wantNs}/${name}` : name, wantNs ? all : [...all, ...services.map((r) => r.name)]);
    throw new UsageError(
      `no Service ${service} in the workspace${near.length ? `; closest: ${near.join(', ')}` : services.length ? '' : ' (it has no Services)'}`,
    );
  }
  const namespaces = [...new Set(hits.map((r) => r.namespace!))];
  if (namespaces.length > 1)
    throw new UsageError(`Service ${name} is in several namespaces (${namespaces.join(', ')}): give NAMESPACE/${name}`);
  const units = index.unitsHaving(namespaces[0]!, name);
  if (unit !== undefined && !units.includes(unit))
    throw new UsageError(`Service ${namespaces[0]}/${name} is not in unit ${unit}; it is in ${units.join(', ')}`);
  const graph = buildTrafficGraph(index, { namespace: namespaces[0]!, name }, config.rules, unit);
  if (!graph) throw new UsageError(`no Service ${service}`);
  if (format === 'json') return JSON.stringify(graph, null, 2) + '\n';
  if (format === 'svg') return renderSvg(graph);
  return formatTraceText(graph);
}
