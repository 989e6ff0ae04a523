/**
 * Child process of the benchmark: index and check one workspace the way the CLI does, then
 * report heap and RSS after a full collection, as one JSON line on stdout. Run bundled
 * (like the shipped CLI and server), so the numbers are podpath's and not the test loader's.
 *   node --expose-gc memoryProbe.js WORKSPACE
 */
import { loadWorkspace } from '../../server/src/node/loadWorkspace';

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: memoryProbe WORKSPACE');
  const ws = await loadWorkspace([root], { rules: {}, exclude: [] });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  let resources = 0;
  for (const f of ws.index.allFiles()) resources += f.resources.length;
  process.stdout.write(`${JSON.stringify({ heapMB: m.heapUsed / 1048576, rssMB: m.rss / 1048576, files: ws.files, resources })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`memoryProbe: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
