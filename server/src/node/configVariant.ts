/**
 * A chart variant (`ci/*-values.yaml`) added to `.podpath.yaml` `units:`: what the language
 * server writes for editors without VS Code's settings (VS Code's extension writes the setting
 * `podpath.units` instead), and the lines `podpath units` suggests. Comments and the rest of
 * the file stay as they are (the `yaml` library's document keeps them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, parseDocument } from 'yaml';
import { unitsWithVariant, type ChartVariant, type VariantKeeps } from '../core/features/chartVariants';
import { findConfig, type PodpathConfig } from './config';

export type ConfigVariant = { path: string; exists: boolean; text: string; old: string } | { already: string } | { error: string };

/** A path as `.podpath.yaml` writes it: relative to its folder, forward slashes. */
export function configRelative(configDir: string, abs: string): string {
  return relative(configDir, abs).split(sep).join('/') || '.';
}

/**
 * The new text of the `.podpath.yaml` that applies to `folder` (a new file in `folder` when
 * none does) with a unit that renders the chart at `chart` with the values file `values`
 * (absolute paths); `already` when its unit lists the file.
 */
export function configWithVariant(
  folder: string,
  add: { chart: string; values: string; name: string; keep?: VariantKeeps },
): ConfigVariant {
  const found = findConfig(folder);
  if (found.refused) return { error: `${found.refused.path}: ${found.refused.reason}` };
  const path = found.path ?? join(folder, '.podpath.yaml');
  const exists = found.path !== undefined && existsSync(path);
  const dir = dirname(path);
  const entry = { name: add.name, chart: configRelative(dir, add.chart), values: configRelative(dir, add.values), keep: add.keep };
  const old = exists ? readFileSync(path, 'utf8') : '';
  const doc = parseDocument(old);
  if (doc.errors.length) return { error: `${path}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); add the unit by hand` };
  if (doc.contents !== null && !isMap(doc.contents)) return { error: `${path}: expected a map of settings` };
  const units = doc.get('units');
  if (units !== undefined && units !== null && !isSeq(units)) return { error: `${path}: units must be a list` };
  const list = isSeq(units) ? (units.toJSON() as unknown[]) : [];
  const next = unitsWithVariant(list, entry);
  if (!next) return { already: `${entry.values} is checked already (${path})` };
  doc.set('units', doc.createNode(next));
  return { path, exists, text: doc.toString(), old };
}

/**
 * The `units:` entry of `.podpath.yaml` (in `configDir`) that checks a variant the CLI found
 * (its URIs are `file:` URLs): in place of the chart's entry of `config`, if any, keeping its
 * release, namespace, `set` and `kubeVersion`, under a name no other entry has.
 */
export function variantEntry(v: ChartVariant, config: PodpathConfig, configDir: string): Record<string, unknown> {
  const rel = (abs: string): string => configRelative(configDir, abs);
  const written: Record<string, unknown>[] = [
    ...(config.units ?? []).map((u) => ({ name: u.name, include: u.include })),
    ...(config.chartUnits ?? []).map((u) => ({
      name: u.name,
      chart: rel(u.chart),
      values: u.values.map(rel),
      ...(u.release !== undefined ? { release: u.release } : {}),
      ...(u.namespace !== undefined ? { namespace: u.namespace } : {}),
      ...(u.set.length ? { set: u.set } : {}),
      ...(u.kubeVersion !== undefined ? { kubeVersion: u.kubeVersion } : {}),
    })),
  ];
  const chart = rel(fileURLToPath(v.chartUri));
  const next = unitsWithVariant(written, { name: v.suggestedName, chart, values: rel(fileURLToPath(v.uri)) }) ?? written;
  return next.find((e) => (e as Record<string, unknown>).chart === chart) as Record<string, unknown>;
}
