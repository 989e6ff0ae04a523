/**
 * The bench's "hostile" section (`npm run bench -- hostile` runs it alone): `podpath check
 * --format json` on each shape of test/hostile/shapes.ts at 1×, 2× and 4× its size, in a
 * process of its own, reporting wall time, peak memory and the growth from 1× to 4× (4 is
 * linear). Targets at 1×: ≤ 2 s and ≤ 500 MB. A run is stopped at PODPATH_HOSTILE_TIMEOUT
 * seconds (default 60); a shape that times out at one scale is not run at the larger ones.
 *
 * PODPATH_HOSTILE_CLI runs another build of the CLI (a `dist/cli.js` of an older commit, for
 * a before/after table); PODPATH_HOSTILE_ONLY=name,name runs some shapes only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shapes } from '../hostile/shapes';
import { repoRoot } from './corpus';

export interface HostileRow {
  shape: string;
  scale: number;
  mb: number;
  ms: number | undefined;
  peakMb: number | undefined;
  /** User + system CPU time: what the run cost on a machine shared with other work. */
  cpuMs: number | undefined;
  exit: string;
}

function bytesUnder(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

/** One `podpath check` under /usr/bin/time, stopped at the timeout. */
function runCheck(
  cli: string,
  dir: string,
  timeoutS: number,
): { ms: number | undefined; peakMb: number | undefined; cpuMs: number | undefined; exit: string } {
  const out = join(dir, '..', 'report.json');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', 'PEAK %M CPU %U %S', 'timeout', '-s', 'KILL', String(timeoutS), process.execPath, cli, 'check', '--format', 'json', dir],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  void out;
  const peak = /PEAK (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  const status = /Command terminated by signal (\d+)/.test(r.stderr ?? '') || r.status === 137 ? 'killed' : `exit ${r.status}`;
  const lastLine = (r.stderr ?? '')
    .split('\n')
    .filter((l) => l.startsWith('podpath:') && !l.includes('skipped'))
    .pop();
  const killed = status === 'killed';
  return {
    ms: killed ? undefined : ms,
    peakMb: peak && !killed ? Number(peak[1]) / 1024 : undefined,
    cpuMs: peak && !killed ? (Number(peak[2]) + Number(peak[3])) * 1000 : undefined,
    exit: lastLine ? `${status}: ${lastLine.slice(0, 80)}` : status,
  };
}

export function runHostile(log: (s: string) => void): HostileRow[] {
  const cli = process.env.PODPATH_HOSTILE_CLI ?? join(repoRoot, 'dist', 'cli.js');
  const timeoutS = Number(process.env.PODPATH_HOSTILE_TIMEOUT ?? 60);
  const only = process.env.PODPATH_HOSTILE_ONLY?.split(',');
  const scales = (process.env.PODPATH_HOSTILE_SCALES ?? '1,2,4').split(',').map(Number);
  const rows: HostileRow[] = [];
  for (const shape of shapes) {
    if (only && !only.includes(shape.name)) continue;
    for (const scale of scales) {
      const base = mkdtempSync(join(tmpdir(), `podpath-hostile-${shape.name}-`));
      const dir = join(base, 'ws');
      try {
        shape.build(dir, scale);
        const mb = bytesUnder(dir) / 1e6;
        const r = runCheck(cli, dir, timeoutS);
        rows.push({ shape: shape.name, scale, mb, ...r });
        log(
          `hostile ${shape.name} ${scale}×: ${mb.toFixed(2)} MB input, ${r.ms === undefined ? `> ${timeoutS} s` : `${Math.round(r.ms)} ms (CPU ${Math.round(r.cpuMs ?? NaN)} ms)`}, peak ${r.peakMb?.toFixed(0) ?? '?'} MB, ${r.exit}`,
        );
        if (r.ms === undefined) break;
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    }
  }
  return rows;
}

/** The table: per shape, each scale's ms and MB, the growth 1×→4× and whether 1× meets the targets. */
export function hostileTable(rows: readonly HostileRow[]): string {
  const lines = [
    '| shape | input 1× | 1× ms (CPU) | 1× MB | 2× ms | 4× ms (CPU) | 4× MB | growth 1×→4× (CPU) | target (≤ 2 s, ≤ 500 MB at 1×) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const name of [...new Set(rows.map((r) => r.shape))]) {
    const at = (s: number): HostileRow | undefined => rows.find((r) => r.shape === name && r.scale === s);
    const ms = (r: HostileRow | undefined): string =>
      r === undefined ? '–' : r.ms === undefined ? 'killed' : `${Math.round(r.ms)} (${Math.round(r.cpuMs ?? NaN)})`;
    const one = at(1);
    const four = at(4);
    const growth =
      one?.ms !== undefined && four?.ms !== undefined
        ? `${(four.ms / one.ms).toFixed(1)}× (${((four.cpuMs ?? NaN) / (one.cpuMs ?? NaN)).toFixed(1)}×)`
        : '–';
    const ok =
      one?.ms !== undefined &&
      one.ms <= 2000 &&
      (one.peakMb ?? Infinity) <= 500 &&
      one.exit.startsWith('exit') &&
      !one.exit.includes('exit 2');
    lines.push(
      `| ${name} | ${one ? `${one.mb.toFixed(2)} MB` : '–'} | ${ms(one)} | ${one?.peakMb?.toFixed(0) ?? '–'} | ${ms(at(2))} | ${ms(four)} | ${four?.peakMb?.toFixed(0) ?? '–'} | ${growth} | ${ok ? 'met' : 'NOT met'} |`,
    );
  }
  return lines.join('\n');
}

if (require.main === module) {
  const log = (s: string): void => void process.stderr.write(`${s}\n`);
  const rows = runHostile(log);
  process.stdout.write(`${hostileTable(rows)}\n`);
}
