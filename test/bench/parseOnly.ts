/**
 * The reference of the bench's `podpath check` process line (docs/performance.md): a process
 * that finds and reads the same files as the CLI (its own walk and reader) and parses each
 * with `yaml`, doing nothing else. Bundled and run by bench.ts:
 *   node parse-only.js ROOT
 */
import { parseAllDocuments } from 'yaml';
import { readWorkspace } from '../../server/src/node/loadWorkspace';

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: parseOnly ROOT');
  const { texts } = await readWorkspace([root], { rules: {}, exclude: [] }, process.cwd());
  let documents = 0;
  for (const [, text] of texts) documents += parseAllDocuments(text).length;
  process.stdout.write(`${texts.length} files, ${documents} documents\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`parse-only: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
