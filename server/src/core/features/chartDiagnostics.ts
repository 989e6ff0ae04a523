/**
 * Findings of Helm charts at the lines a person edits. A finding on a rendered template (a
 * file of its own in the index, see index/charts.ts) lands on the template line that wrote
 * the value — the literal text, the `{{ … }}` action, or the `include` that produced it — and,
 * when the value passed through unchanged from a values file, on that values line too. Its
 * related places and quick fixes move the same way: a fix edits the values file when the
 * value passed through, the template where the text is literal, and is left out otherwise.
 * The renderer's own findings (template errors, `required`/`fail`, limits) are `helm-render`.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Fix, RelatedPlace, TextEditSpec } from '../model/finding';
import type { SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { chunkAt } from '../sources/helm/provenance';
import { provenanceAt, type ChartBuild, type RenderedTemplate } from '../sources/helm/unit';
import type { Diagnostic } from './diagnostics';

export interface ChartPlace {
  uri: string;
  span: Span;
  /** `values`: the values line a value passed through from; `template`: the template line. */
  via: 'values' | 'template';
}

/** Where a span of a rendered template came from: its values line (if any), then its template line. */
export function placesOf(build: ChartBuild, r: RenderedTemplate, span: Span): ChartPlace[] {
  const p = provenanceAt(build, r, span[0]);
  const out: ChartPlace[] = [];
  if (!p) return r.templateUri ? [{ uri: r.templateUri, span: [0, 0], via: 'template' }] : [];
  if (p.values?.uri) out.push({ uri: p.values.uri, span: p.values.span, via: 'values' });
  if (p.template.name === r.template && p.template.uri) {
    const s = p.template.span;
    const end = p.template.kind === 'text' ? s[0] + Math.max(0, Math.min(span[1], p.rendered[1]) - span[0]) : s[1];
    out.push({ uri: p.template.uri, span: [s[0], end], via: 'template' });
  } else if (r.templateUri) {
    // Written by a named template (`include` from _helpers.tpl): the own template's action that included it.
    out.push({ uri: r.templateUri, span: includeGap(r, span[0]), via: 'template' });
  }
  return out;
}

/** The template text between the own template's chunks around `at`: where the `include` action is. */
function includeGap(r: RenderedTemplate, at: number): Span {
  const own = r.chunks.filter((c) => c.template === r.template);
  let before: number | undefined;
  let after: number | undefined;
  for (const c of own) {
    if (c.end <= at) before = c.src[1];
    else if (c.start > at && after === undefined) after = c.src[0];
  }
  const a = before ?? 0;
  return [a, Math.max(a, after ?? a)];
}

type PlainDiagnostics = (file: SourceFile) => Diagnostic[];

/** A real file's chart diagnostics: the renderer's problems in it, and rendered findings that land in it. */
export function chartDiagnosticsOf(index: WorkspaceIndex, file: SourceFile, plain: PlainDiagnostics): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const build of index.charts.buildsReading(file.uri)) {
    const chartYaml = `${build.unit.rootUri}/Chart.yaml`;
    for (const p of build.problems) {
      // A problem in a file the index does not hold (NOTES.txt, a .tpl, a .tgz subchart) shows in Chart.yaml.
      const here = p.uri === file.uri || (file.uri === chartYaml && !index.getFile(p.uri));
      if (!here) continue;
      const at = p.offset === undefined || p.uri !== file.uri ? 0 : Math.min(p.offset, file.text.length);
      const eol = file.text.indexOf('\n', at);
      out.push({
        rule: 'helm-render',
        severity: p.severity,
        message: p.message,
        file,
        span: [at, eol < 0 ? file.text.length : eol],
        resource: undefined,
        related: [],
        fixes: [],
      });
    }
    for (const r of build.rendered) {
      const rendered = index.getFile(r.uri);
      if (!rendered) continue;
      for (const d of plain(rendered)) {
        for (const place of placesOf(build, r, d.span)) {
          if (place.uri !== file.uri) continue;
          const message = place.via === 'values' ? `${d.message} (the value is rendered into ${r.path})` : d.message;
          out.push({
            ...d,
            file,
            span: place.span,
            message,
            resource: undefined,
            related: mapRelated(index, d.related),
            fixes: mapFixes(index, d.fixes),
            via: place.via,
          });
        }
      }
    }
  }
  return out;
}

/** Related places in rendered templates, at their template (or values) line. */
function mapRelated(index: WorkspaceIndex, related: RelatedPlace[]): RelatedPlace[] {
  const out: RelatedPlace[] = [];
  for (const rel of related) {
    const r = index.charts.renderedOf(rel.file.uri);
    if (!r) {
      out.push(rel);
      continue;
    }
    const place = placesOf(r.build, r.rendered, rel.span).at(-1);
    const f = place && index.getFile(place.uri);
    if (f && place) out.push({ file: f, span: place.span, message: rel.message });
  }
  return out;
}

/** Fixes that edit rendered text, moved to the values or template text they came from; a fix that cannot move is left out. */
function mapFixes(index: WorkspaceIndex, fixes: Fix[]): Fix[] {
  const out: Fix[] = [];
  for (const fix of fixes) {
    const edits: TextEditSpec[] = [];
    for (const e of fix.edits) {
      const r = index.charts.renderedOf(e.file.uri);
      if (!r) {
        edits.push(e);
        continue;
      }
      const moved = moveEdit(index, r.build, r.rendered, e);
      if (!moved) break;
      edits.push(moved);
    }
    if (edits.length === fix.edits.length) out.push({ ...fix, edits });
  }
  return out;
}

function moveEdit(index: WorkspaceIndex, build: ChartBuild, r: RenderedTemplate, e: TextEditSpec): TextEditSpec | undefined {
  const c = chunkAt(r.chunks, e.span[0]);
  if (!c || e.span[1] > c.end) return undefined;
  const p = provenanceAt(build, r, e.span[0])!;
  const whole = e.span[0] === c.start && e.span[1] === c.end;
  if (p.values?.uri && whole) {
    const f = index.getFile(p.values.uri);
    return f ? { file: f, span: p.values.span, newText: e.newText } : undefined;
  }
  if (c.template !== r.template || !p.template.uri) return undefined;
  const f = index.getFile(p.template.uri);
  if (!f) return undefined;
  if (c.kind === 'text') {
    const at = c.src[0] + (e.span[0] - c.start);
    return { file: f, span: [at, at + (e.span[1] - e.span[0])], newText: e.newText };
  }
  // An action that wrote the whole value, without trimming the text around it, becomes the new text.
  const action = f.text.slice(c.src[0], c.src[1]);
  if (!whole || action.startsWith('{{-') || action.endsWith('-}}')) return undefined;
  return { file: f, span: [c.src[0], c.src[1]], newText: e.newText };
}
