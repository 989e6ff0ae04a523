/**
 * Child process of the benchmark: the editor-side measurements (incremental edits, hover,
 * definition, traffic paths) on a language-server instance of one workspace, reported as
 * one JSON line on stdout. A process of its own, holding what a language server holds and
 * nothing else: in the benchmark's main process the corpus texts and the peer's leftovers
 * (hundreds of MB) would make every garbage collection during an edit longer, timing the
 * benchmark's heap instead of the server's.
 *   node --expose-gc --import tsx test/bench/editor.ts WORKSPACE
 */
import { loadCore } from './core';
import { measureEdits, measureHoverDefinition, measureTrace, type Latencies } from './interactive';
import { startServer } from './server';
import { gc } from './stats';

export interface EditorResults {
  edits: Latencies & { published: number };
  hover: Latencies;
  definition: Latencies;
  trace: Latencies;
}

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: editor.ts WORKSPACE');
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run with --expose-gc');
  const core = await loadCore();
  const server = await startServer(core, root);
  gc();
  const edits = measureEdits(core, server, 200, 1);
  const { hover, definition } = measureHoverDefinition(core, server, 500, 2);
  const trace = measureTrace(core, server, 200, 3);
  const results: EditorResults = { edits, hover, definition, trace };
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`editor bench: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
