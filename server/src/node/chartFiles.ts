/**
 * A chart folder on disk as the renderer's read-only view: every file below the chart root
 * (no symlink leads outside it), read on demand, and Node's gunzip for .tgz subcharts.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ChartSettings } from '../core/index/charts';
import type { ChartFiles } from '../core/sources/helm/chart';

export function chartFilesOnDisk(root: string): ChartFiles {
  const real = realpathSync(root);
  const list: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      let rp: string;
      try {
        rp = realpathSync(p);
      } catch {
        continue;
      }
      if (rp !== real && !rp.startsWith(real + sep)) continue;
      const st = statSync(rp);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) list.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  const known = new Set(list);
  return {
    list: () => list,
    read: (p) => (known.has(p) ? readOrUndefined(join(root, p), 'utf8') : undefined),
    readBytes: (p) => {
      const b = known.has(p) ? readOrUndefined(join(root, p)) : undefined;
      return b === undefined ? undefined : new Uint8Array(b);
    },
  };
}

/** A file listed earlier may be gone by now (the index keeps a chart's listing between renders). */
function readOrUndefined(p: string): Buffer | undefined;
function readOrUndefined(p: string, enc: 'utf8'): string | undefined;
function readOrUndefined(p: string, enc?: 'utf8'): Buffer | string | undefined {
  try {
    return enc ? readFileSync(p, enc) : readFileSync(p);
  } catch {
    return undefined;
  }
}

export const gunzip = (b: Uint8Array): Uint8Array => new Uint8Array(gunzipSync(b));

/** The index's reader of chart files it does not hold (helpers, .Files, .tgz subcharts): a chart folder by URI, or undefined. */
export function chartReader(rootUri: string): ChartFiles | undefined {
  try {
    return chartFilesOnDisk(fileURLToPath(rootUri));
  } catch {
    return undefined;
  }
}

/** Let an index render the charts it finds with files from disk. */
export function readChartsFromDisk<T extends { charts: { reader: unknown; gunzip: unknown; settings: unknown } }>(
  index: T,
  settings?: ChartSettings,
): T {
  index.charts.reader = chartReader;
  index.charts.gunzip = gunzip;
  if (settings) index.charts.settings = settings;
  return index;
}
