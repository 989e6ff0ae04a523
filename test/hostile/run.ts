/**
 * Running the built CLI as a user does, optionally under the audit preload (audit.cjs):
 * its exit code, its output, and what it read, wrote and ran.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isInside } from '../../server/src/node/paths';

export const repoRoot = resolve(__dirname, '..', '..');
export const cliPath = join(repoRoot, 'dist', 'cli.js');
export const auditPreload = join(repoRoot, 'test', 'hostile', 'audit.cjs');

/** Build the bundles when a test runs on its own, before `node scripts/test.mjs` has. */
export function ensureBuilt(): void {
  if (!existsSync(cliPath) || !existsSync(join(repoRoot, 'dist', 'server.js')))
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
}

export interface AuditEntry {
  op: string;
  path?: string;
  kb?: number;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  audit: AuditEntry[];
}

/** Run `podpath <args>` in `cwd` under the audit preload; resolves when it exits. */
export function runCli(args: string[], cwd: string, nodeArgs: string[] = []): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-audit-'));
  const auditFile = join(dir, 'audit.jsonl');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeArgs, '--require', auditPreload, cliPath, ...args], {
      cwd,
      env: { ...process.env, PODPATH_AUDIT: auditFile, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const audit = readAudit(auditFile);
      rmSync(dir, { recursive: true, force: true });
      done({ code, stdout, stderr, audit });
    });
  });
}

export function readAudit(file: string): AuditEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
}

/** The audited reads and writes whose real path is outside every root, and every program run. */
export function outsideRoots(audit: readonly AuditEntry[], roots: readonly string[], cwd: string): AuditEntry[] {
  const real = roots.map((r) => realpathSync(r));
  return audit.filter((e) => {
    if (e.op.startsWith('run:')) return true;
    if (e.path === undefined) return false;
    let p = resolve(cwd, e.path);
    try {
      p = realpathSync(p);
    } catch {
      // Gone, or never there: judged by its name.
    }
    return !real.some((r) => isInside(p, r));
  });
}

/** The peak RSS the audited process reported at exit, in MB. */
export function peakRssMb(audit: readonly AuditEntry[]): number | undefined {
  const kb = audit.find((e) => e.op === 'maxRSS')?.kb;
  return kb === undefined ? undefined : kb / 1024;
}
