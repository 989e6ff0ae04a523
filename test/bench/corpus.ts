/**
 * The benchmark's two workspaces: `real` (the shared corpus) and `stress` (generated from it
 * by the corpus's own script into the temp folder, cached by the generator's content hash).
 * Files are read the way `podpath check` reads them, so the timed part starts from texts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readWorkspace, type ReadFile } from '../../server/src/node/loadWorkspace';
import type { PodpathConfig } from '../../server/src/node/config';

export const repoRoot = resolve(__dirname, '..', '..');
export const benchConfig: PodpathConfig = { rules: {}, exclude: [] };

export interface Workspace {
  name: 'real' | 'stress';
  root: string;
  /** (absolute path, text), kustomizations first: the order the CLI indexes them in. */
  texts: ReadFile[];
  bytes: number;
}

/**
 * The full real corpus (not in the repository; test/corpus/real is a sample too small to
 * measure on): $PODPATH_CORPUS, else ../shared/corpus/real beside the checkout.
 */
export function realCorpusRoot(): string {
  const root = process.env.PODPATH_CORPUS ? resolve(process.env.PODPATH_CORPUS) : resolve(repoRoot, '..', 'shared', 'corpus', 'real');
  if (!existsSync(root)) throw new Error(`the full corpus is not at ${root}: set PODPATH_CORPUS=/path/to/corpus/real`);
  return root;
}

/**
 * The stress workspace's folder, generated once per version of make-stress.mjs (about a
 * minute) into the temp folder; later runs reuse it. Generation writes to a scratch name
 * and renames at the end, so an interrupted run never leaves a half workspace behind.
 */
export function ensureStress(log: (s: string) => void): string {
  const script = resolve(realCorpusRoot(), '..', 'make-stress.mjs');
  const hash = createHash('sha256').update(readFileSync(script)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'podpath-bench', `stress-${hash}`);
  if (existsSync(join(dir, 'MANIFEST.json'))) return dir;
  const scratch = `${dir}.partial-${process.pid}`;
  log(`generating the stress workspace into ${dir} (about a minute; cached for later runs)…`);
  const r = spawnSync(process.execPath, [script, scratch], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`make-stress.mjs failed with status ${r.status}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(scratch, dir);
  return dir;
}

/** Read a workspace's files with the CLI's own reader. */
export async function readTexts(name: Workspace['name'], root: string): Promise<Workspace> {
  const { texts } = await readWorkspace([root], benchConfig, repoRoot);
  let bytes = 0;
  for (const [, t] of texts) bytes += Buffer.byteLength(t);
  return { name, root, texts, bytes };
}
