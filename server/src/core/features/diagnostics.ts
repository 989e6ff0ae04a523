/**
 * The findings a user sees for a file: rule findings and file problems, after suppression
 * comments, the `podpath.dev/ignore` annotation and the per-rule severity settings.
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding, Fix, RelatedPlace, Severity } from '../model/finding';
import { lineAt } from '../model/positions';
import type { FileProblem, Resource, SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { isRenderedUri } from '../sources/helm/unit';
import { chartDiagnosticsOf } from './chartDiagnostics';

export type RuleSetting = Severity | 'off';

/**
 * What a rule setting (`podpath.rules.<id>`, `.podpath.yaml` `rules:`) accepts. `default`
 * overrides nothing: the rule keeps its own severity, which may depend on the case.
 */
export const ruleSettingChoices = ['default', 'off', 'error', 'warning', 'info', 'hint'] as const;

/** A setting's value as an override: undefined for `default` (or nothing), 'invalid' for anything else unknown. */
export function ruleOverride(v: unknown): RuleSetting | undefined | 'invalid' {
  if (v === undefined || v === null || v === '' || v === 'default') return undefined;
  return typeof v === 'string' && (ruleSettingChoices as readonly string[]).includes(v) ? (v as RuleSetting) : 'invalid';
}

/** `rules: { <id>: off|error|warning|info|hint }` from settings or `.podpath.yaml`. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  file: SourceFile;
  span: Span;
  resource: Resource | undefined;
  related: RelatedPlace[];
  fixes: Fix[];
  tags?: Finding['tags'];
  /** A chart finding moved from its rendered template: to the values line or the template line (chartDiagnostics.ts). */
  via?: 'values' | 'template';
  /** The apply units it holds in, when its file is in several. */
  units?: readonly string[];
}

/**
 * A file's diagnostics, sorted by position. Run `index.check()` first. A template or values file
 * of a Helm chart also gets the findings of the rendered objects that came from it; a rendered
 * template (`isRenderedUri`) has its own, which reports leave out (they show at their source).
 */
export function diagnosticsOf(index: WorkspaceIndex, file: SourceFile, settings: RuleSettings = {}): Diagnostic[] {
  const out = ownDiagnostics(index, file, settings);
  if (isRenderedUri(file.uri) || index.charts.count === 0) return out;
  for (const d of chartDiagnosticsOf(index, file, (f) => ownDiagnostics(index, f, settings))) {
    const setting = settings[d.rule];
    if (setting === 'off' || (d.via !== 'template' && isSuppressed(file, d))) continue;
    out.push(setting && d.rule === 'helm-render' ? { ...d, severity: setting } : d);
  }
  out.sort((a, b) => a.span[0] - b.span[0] || a.rule.localeCompare(b.rule));
  return out;
}

function ownDiagnostics(index: WorkspaceIndex, file: SourceFile, settings: RuleSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (d: Diagnostic): void => {
    const setting = settings[d.rule];
    if (setting === 'off' || isSuppressed(file, d)) return;
    out.push(setting ? { ...d, severity: setting } : d);
  };
  // The file's own reader findings, then what the kustomize builds that read it found (with their units).
  const problems: (FileProblem & { units?: readonly string[] })[] = [...file.problems, ...index.buildProblems(file)];
  for (const p of problems)
    push({
      rule: p.rule,
      severity: p.severity,
      message: p.message,
      span: p.span,
      file,
      resource: undefined,
      related: p.related?.map((r) => ({ file, ...r })) ?? [],
      fixes: [],
      ...(p.units ? { units: p.units } : {}),
    });
  for (const f of index.findings(file))
    push({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      file,
      span: f.span,
      resource: f.resource,
      related: f.related,
      fixes: f.fixes,
      tags: f.tags,
      ...(f.units ? { units: f.units } : {}),
    });
  out.sort((a, b) => a.span[0] - b.span[0] || a.rule.localeCompare(b.rule));
  return out;
}

function isSuppressed(file: SourceFile, d: Diagnostic): boolean {
  if (file.ignoredRules.has(d.rule) || d.resource?.ignoredRules.has(d.rule)) return true;
  if (file.ignoredLines.size === 0) return false;
  return file.ignoredLines.get(lineAt(file, d.span[0]))?.has(d.rule) ?? false;
}
