/**
 * Inlay hints: after a `targetPort` (or a `port` without one), where it lands
 * (`→ api:8080`, container name and port); after a Service selector or a NetworkPolicy
 * podSelector, how many workloads it matches (`3 workloads` / `matches nothing`). In a file a
 * kustomize build reads, those of the objects each unit built, one hint per place.
 */
import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { realPlace, type Resource, type SourceFile } from '../model/resource';
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
  const hints = builtHints(index, file) ?? plainHints(index, file, span);
  return hints.filter((h) => h.offset >= span[0] && h.offset <= span[1]);
}

function plainHints(index: WorkspaceIndex, file: SourceFile, span: Span): Hint[] {
  const lookup = index.lookup({ uri: file.uri });
  const out: Hint[] = [];
  for (const r of file.resources) if (r.span[1] >= span[0] && r.span[0] <= span[1]) resourceHints(lookup, r, out);
  return out;
}

function resourceHints(lookup: Lookup, r: Resource, out: Hint[]): void {
  if (r.namespace === undefined) return;
  if (r.service) serviceHints(lookup, r, out);
  if (r.networkPolicy && !r.networkPolicy.podSelector.invalid) {
    const key = pair(r.root?.pairs.get('spec')?.value, 'podSelector');
    if (key)
      out.push(
        countHint(
          r.file,
          key.keySpan,
          selectorTemplates(lookup, r, r.networkPolicy.podSelector, 'policy').length,
          'the Pods this policy applies to',
        ),
      );
  }
}

/**
 * In a file a kustomize build reads: the hints of the objects each unit built from it, read in
 * that unit, at the places of the file their values come from. Where the units agree, one
 * hint; where they differ, each answer with its units (`→ api:8080 (overlays/prod), api:9090
 * (overlays/dev)`), or the units that have it when only some do. Undefined when no build read the file as it is now.
 */
function builtHints(index: WorkspaceIndex, file: SourceFile): Hint[] | undefined {
  const units = index.builtAt(file);
  if (!units.length) return undefined;
  // Real offset → per unit its hint; real document start → the units that built an object of it.
  const at = new Map<number, { doc: number; byUnit: Map<string, Hint> }>();
  const docs = new Map<number, string[]>();
  for (const { unit, built } of units) {
    const lookup = index.lookup({ unit });
    for (const r of built.byUri.get(file.uri) ?? []) {
      // A build evaluated before the file's last edit is not asked (its places are in the old text).
      if (!r.file.segments?.some((s) => s.file === file)) continue;
      const home = realPlace(r.file, r.span);
      const doc = home.file === file ? home.span[0] : -1;
      const seen = docs.get(doc) ?? [];
      if (!seen.includes(unit)) docs.set(doc, [...seen, unit]);
      const hs: Hint[] = [];
      resourceHints(lookup, r, hs);
      for (const h of hs) {
        const p = realPlace(r.file, [h.offset, h.offset]);
        if (p.file !== file) continue;
        const slot = at.get(p.span[0]) ?? { doc, byUnit: new Map<string, Hint>() };
        if (!slot.byUnit.has(unit)) slot.byUnit.set(unit, h);
        at.set(p.span[0], slot);
      }
    }
  }
  if (!docs.size) return undefined;
  return [...at].map(([offset, { doc, byUnit }]) => joinHints(offset, byUnit, docs.get(doc) ?? []));
}

/** Different answers shown in one hint at the most (the tooltip has them all). */
const maxGroups = 3;

/**
 * One hint from the units' hints at one place; `all` are the units that built the object there.
 * A unit without a hint here says nothing: its value may be written elsewhere (a patch), or
 * lead nowhere (a finding says so, naming its units).
 */
function joinHints(offset: number, byUnit: Map<string, Hint>, all: readonly string[]): Hint {
  const groups = new Map<string, string[]>();
  for (const [unit, h] of byUnit) groups.set(h.label, [...(groups.get(h.label) ?? []), unit]);
  const first = [...byUnit.values()][0]!;
  if (groups.size === 1 && byUnit.size >= all.length) return { offset, label: first.label, tooltip: first.tooltip };
  const arrow = first.label.startsWith('→ ') ? '→ ' : '';
  const named = (us: string[]): string => (us.length > 2 ? `${us.slice(0, 2).join(', ')} +${us.length - 2}` : us.join(', '));
  const parts = [...groups].slice(0, maxGroups).map(([label, us]) => `${label.replace(/^→ /, '')} (${named(us)})`);
  if (groups.size > maxGroups) parts.push(`+${groups.size - maxGroups} more`);
  const tooltip = [...byUnit].map(([unit, h]) => `In unit ${unit}: ${h.tooltip ?? h.label}`).join('\n');
  return { offset, label: arrow + parts.join(', '), tooltip };
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
