/**
 * Inlay hints: after a `targetPort` (or a `port` without one), where it lands
 * (`→ api:8080`, container name and port); after a Service selector or a NetworkPolicy
 * podSelector, how many workloads it matches (`3 workloads` / `matches nothing`).
 */
import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource, SourceFile } from '../model/resource';
import { pair, type Span } from '../model/ytree';
import { selectsPods, serviceBackends } from '../links/services';
import { portTargets, selectorTemplates } from './definition';

export interface Hint {
  /** Where the hint shows: after this offset. */
  offset: number;
  label: string;
  tooltip?: string;
}

/** The hints of the resources of a file that overlap a span. */
export function inlayHintsOf(index: WorkspaceIndex, file: SourceFile, span: Span): Hint[] {
  const lookup = index.lookup({ uri: file.uri });
  const out: Hint[] = [];
  for (const r of file.resources) {
    if (r.span[1] < span[0] || r.span[0] > span[1] || r.namespace === undefined) continue;
    if (r.service) serviceHints(lookup, r, out);
    if (r.networkPolicy && !r.networkPolicy.podSelector.invalid) {
      const key = pair(r.root?.pairs.get('spec')?.value, 'podSelector');
      if (key)
        out.push(
          countHint(
            file,
            key.keySpan,
            selectorTemplates(lookup, r, r.networkPolicy.podSelector, 'policy').length,
            'the Pods this policy applies to',
          ),
        );
    }
  }
  return out.filter((h) => h.offset >= span[0] && h.offset <= span[1]);
}

function serviceHints(lookup: Lookup, r: Resource, out: Hint[]): void {
  const s = r.service!;
  if (!selectsPods(s)) return;
  if (s.selectorKeySpan)
    out.push(
      countHint(
        r.file,
        s.selectorKeySpan,
        serviceBackends(lookup, r).length,
        'the workloads whose Pods this Service selects',
        s.selectorSpan,
      ),
    );
  for (const p of s.ports) {
    const at = p.targetPort ?? p.port;
    if (!at) continue;
    const hits = portTargets(lookup, r, p).filter((t) => !t.otherProtocol);
    if (!hits.length) continue;
    const labels = [...new Set(hits.map((t) => `${t.port.container.name}:${t.port.containerPort?.value ?? '?'}`))];
    const shown = labels.length > 3 ? [...labels.slice(0, 3), `+${labels.length - 3}`] : labels;
    const tooltip = hits
      .map(
        (t) =>
          `${t.template.owner.kind} ${t.template.owner.name}, container ${t.port.container.name}, containerPort ${t.port.containerPort?.value ?? '?'}/${t.port.protocol}`,
      )
      .join('\n');
    out.push({ offset: at.span[1], label: `→ ${shown.join(', ')}`, tooltip });
  }
}

/** A count hint at the end of a `selector:` line, or right after a flow map written on it (`selector: {app: web}, ports: …`). */
function countHint(file: SourceFile, keySpan: Span, n: number, what: string, valueSpan?: Span): Hint {
  const nl = file.text.indexOf('\n', keySpan[1]);
  let end = nl < 0 ? file.text.length : nl;
  if (file.text[end - 1] === '\r') end--;
  if (valueSpan && file.text[valueSpan[0]] === '{' && valueSpan[1] <= end) end = valueSpan[1];
  const label = n === 0 ? 'matches nothing' : `${n} workload${n === 1 ? '' : 's'}`;
  return { offset: end, label, tooltip: `${n === 0 ? 'No pod template matches' : `${n} pod template(s) match`}: ${what}.` };
}
