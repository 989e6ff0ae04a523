/**
 * Where tests find real-world manifests. By default the trimmed sample committed under
 * test/corpus/ (see its README); PODPATH_CORPUS=/path/to/corpus/real runs the same tests on the
 * full corpus instead (an extended run; the bench reads the same variable). Tests never reach
 * outside the repository unless that variable says so.
 */
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '..');

export interface RealCorpus {
  /** The folder holding one sub-folder per project. */
  dir: string;
  /** True when PODPATH_CORPUS chose it (the full corpus), false for the committed sample. */
  full: boolean;
  /** One line saying which corpus a test runs on, for the test output. */
  describe: string;
}

export function realCorpus(): RealCorpus {
  const given = process.env.PODPATH_CORPUS;
  if (given) return { dir: resolve(given), full: true, describe: `real corpus from PODPATH_CORPUS=${resolve(given)} (extended run)` };
  const dir = resolve(repoRoot, 'test', 'corpus', 'real');
  return { dir, full: false, describe: `real corpus sample ${dir} (set PODPATH_CORPUS for the full corpus)` };
}

/** The other linters' fixtures the peer tests read (test/corpus/peer-fixtures). */
export const peerFixtures = resolve(repoRoot, 'test', 'corpus', 'peer-fixtures');
