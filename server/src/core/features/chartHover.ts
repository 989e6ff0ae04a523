/**
 * Hover in a Helm chart's files. On a template action or literal: the value it rendered and
 * where it came from ("`8080` ← `.Values.service.targetPort` ← values.yaml:42"), followed by
 * what podpath says about the rendered field (where traffic goes from there). On a values
 * line: the rendered places that value reached. Links into rendered templates (in any hover)
 * are moved to the template line that wrote them.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { GraphSource } from '../model/graph';
import { lineAt, offsetAt, rangeOf } from '../model/positions';
import type { SourceFile } from '../model/resource';
import type { Chunk } from '../sources/helm/template/exec';
import { provenanceAt, type ChartBuild, type RenderedTemplate } from '../sources/helm/unit';
import { placesOf } from './chartDiagnostics';
import type { HoverResult } from './hover';
import { code, plain } from './hover';

type Inner = (file: SourceFile, offset: number) => HoverResult | undefined;

/** The hover at an offset of a chart's template or values file, or undefined when the file is no chart's. */
export function chartHoverAt(index: WorkspaceIndex, file: SourceFile, offset: number, inner: Inner): HoverResult | undefined {
  for (const build of index.charts.buildsReading(file.uri)) {
    const own = build.rendered.filter((r) => r.templateUri === file.uri);
    for (const r of own) {
      const c = r.chunks.find(
        (x) =>
          x.template === r.template &&
          x.src[0] <= offset &&
          offset < x.src[1] &&
          x.end > x.start &&
          r.text.slice(x.start, x.end).trim() !== '',
      );
      if (c) return templateHover(index, build, r, c, offset, inner);
    }
    const uses = valueUses(index, build, file, offset);
    if (uses) return uses;
  }
  return undefined;
}

function templateHover(
  index: WorkspaceIndex,
  build: ChartBuild,
  r: RenderedTemplate,
  c: Chunk,
  offset: number,
  inner: Inner,
): HoverResult | undefined {
  const out = r.text.slice(c.start, c.end);
  const lead = out.length - out.trimStart().length;
  const at = c.kind === 'text' ? c.start + (offset - c.src[0]) : c.start + lead;
  const parts: string[] = [];
  if (c.kind === 'action') {
    const value = out.trim();
    if (!value.includes('\n')) parts.push(`**Rendered** ${chain(index, build, r, c, code(value))}`);
    else parts.push(`**Rendered** ${chain(index, build, r, c, undefined)}`, fenced(out.slice(lead).trimEnd()));
  }
  const rendered = index.getFile(r.uri);
  const more = rendered && inner(rendered, at);
  if (more) parts.push(more.markdown);
  if (!parts.length) return undefined;
  return { markdown: parts.join('\n\n'), span: c.kind === 'text' && more ? mapSpan(c, more.span) : c.src };
}

function fenced(text: string): string {
  const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}yaml\n${text}\n${ticks}`;
}

/** "`8080` ← `.Values.service.targetPort` ← values.yaml:42". */
function chain(index: WorkspaceIndex, build: ChartBuild, r: RenderedTemplate, c: Chunk, value: string | undefined): string {
  const action = (build.templates.get(c.template) ?? '')
    .slice(c.src[0], c.src[1])
    .replace(/^\{\{-?\s*/, '')
    .replace(/\s*-?\}\}$/, '');
  const links = value === undefined ? [code(action)] : [value, code(action)];
  const p = provenanceAt(build, r, c.start);
  if (p?.values) {
    const f = p.values.uri ? index.getFile(p.values.uri) : undefined;
    links.push(f ? placeLink(f, p.values.span[0]) : plain(p.values.name));
  } else links.push('computed by the template');
  return links.join(' ← ');
}

function mapSpan(c: Chunk, span: readonly [number, number]): [number, number] {
  const a = Math.max(c.start, Math.min(c.end, span[0]));
  const b = Math.max(a, Math.min(c.end, span[1]));
  return [c.src[0] + (a - c.start), c.src[0] + (b - c.start)];
}

/** On a values line: where that value was rendered. */
function valueUses(index: WorkspaceIndex, build: ChartBuild, file: SourceFile, offset: number): HoverResult | undefined {
  const lines: string[] = [];
  let span: [number, number] | undefined;
  let total = 0;
  for (const r of build.rendered) {
    for (const c of r.chunks) {
      if (!c.from) continue;
      const p = provenanceAt(build, r, c.start);
      if (!p?.values || p.values.uri !== file.uri || offset < p.values.span[0] || offset >= p.values.span[1]) continue;
      span = p.values.span;
      total++;
      if (lines.length >= 5) continue;
      const place = placesOf(build, r, [c.start, c.end]).find((x) => x.via === 'template');
      const t = place && index.getFile(place.uri);
      lines.push(`- ${code(r.text.slice(c.start, c.end).trim())} in ${t && place ? placeLink(t, place.span[0]) : plain(r.path)}`);
    }
  }
  if (!span) return undefined;
  const head = `**Rendered into** ${total === 1 ? 'one place' : `${total} places`}:`;
  return { markdown: [head, ...lines, ...(total > lines.length ? [`- … and ${total - lines.length} more`] : [])].join('\n'), span };
}

function placeLink(f: SourceFile, offset: number): string {
  const line = lineAt(f, offset) + 1;
  return `[${plain(f.path)}:${line}](${f.uri}#L${line})`;
}

/** Links to lines of rendered templates, moved to the template line that wrote them. */
export function mapRenderedLinks(index: WorkspaceIndex, md: string): string {
  return md.replace(
    /\[([^\]]*?):(\d+)\]\(([^)\s]*?#rendered(?:-incomplete)?)#L(\d+)\)/g,
    (all, _path: string, _line: string, uri: string, line: string) => {
      const r = index.charts.renderedOf(uri);
      const f = index.getFile(uri);
      if (!r || !f) return all;
      const at = offsetAt(f, { line: Number(line) - 1, character: 0 });
      const offset = at + (/^[ \t-]*/.exec(f.text.slice(at))?.[0].length ?? 0);
      const place = placesOf(r.build, r.rendered, [offset, offset]).find((x) => x.via === 'template');
      const t = place && index.getFile(place.uri);
      return t && place ? placeLink(t, place.span[0]) : all;
    },
  );
}

/** A place in a rendered template (a traffic-path node's YAML), moved to the template line that wrote it. */
export function templatePlace(index: WorkspaceIndex, src: GraphSource): GraphSource {
  const r = index.charts.renderedOf(src.uri);
  const f = r && index.getFile(src.uri);
  if (!r || !f) return src;
  const span: [number, number] = [offsetAt(f, src.range.start), offsetAt(f, src.range.end)];
  const place = placesOf(r.build, r.rendered, span).find((x) => x.via === 'template');
  const t = place && index.getFile(place.uri);
  return t && place ? { uri: t.uri, range: rangeOf(t, place.span) } : src;
}

/** The rendered place a template offset wrote (the first output of the action or literal there), for features that start from the cursor. */
export function renderedAt(index: WorkspaceIndex, uri: string, offset: number): { uri: string; offset: number } | undefined {
  for (const build of index.charts.buildsReading(uri)) {
    for (const r of build.rendered) {
      if (r.templateUri !== uri) continue;
      const c = r.chunks.find((x) => x.template === r.template && x.src[0] <= offset && offset < x.src[1]);
      if (c) return { uri: r.uri, offset: c.kind === 'text' ? c.start + (offset - c.src[0]) : c.start };
    }
  }
  return undefined;
}
