/**
 * The latencies a user of the editor feels, through the built language server
 * (`dist/server.js --stdio`) over real JSON-RPC on the stress workspace: the first index,
 * hover round trips, and diagnostics after an edit — pulled (`textDocument/diagnostic`
 * right after `didChange`, as VS Code does) and pushed (`publishDiagnostics` of the new
 * version, which waits for the server's debounce). Seeded, so every run does the same work.
 *
 * Run on its own: `node --import tsx test/bench/lsp.ts` (after `node esbuild.mjs`); `npm run
 * bench` runs it after the core measurements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Position } from 'vscode-languageserver-protocol';
import { TestClient, uriOf } from '../lsp/client';
import { ensureStress } from './corpus';
import { percentile, rng, round } from './stats';

export interface LspLatencies {
  indexMs: number;
  files: number;
  hover: { p50: number; p95: number; max: number; samples: number; hits: number };
  pulledDiagnostics: { p50: number; p95: number; max: number; edits: number };
  pushedDiagnostics: { p50: number; p95: number; max: number; edits: number; debounceMs: number };
}

/** The server's default debounce (server/src/workspace/workspace.ts); push latency includes it. */
const DEFAULT_DEBOUNCE_MS = 120;
const valueLine = /^(\s*-?\s*)(targetPort|port|containerPort|nodePort|number):\s*(\d+)\s*$/;

interface Site {
  uri: string;
  text: string;
  line: number;
  character: number;
  value: string;
}

/** Port values written plainly on their own line: the places a user hovers and edits. */
function sites(files: string[]): Site[] {
  const out: Site[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    lines.forEach((l, line) => {
      const m = valueLine.exec(l);
      if (m) out.push({ uri: uriOf(path), text, line, character: l.indexOf(m[3]!, m[1]!.length + m[2]!.length), value: m[3]! });
    });
  }
  return out;
}

function stats(samples: number[]): { p50: number; p95: number; max: number } {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)) };
}

/** The text with the port value at `s` moved by one (what a user types into a targetPort). */
function edited(s: Site, bump: number): string {
  const lines = s.text.split('\n');
  const l = lines[s.line]!;
  const next = String(Math.min(65535, Number(s.value) + bump));
  lines[s.line] = l.slice(0, s.character) + next + l.slice(s.character + s.value.length);
  return lines.join('\n');
}

/** Measures through one server process; `pull` chooses the client's diagnostic model. */
async function session(root: string, pull: boolean, hovers: number, edits: number, seed: number) {
  const client = await TestClient.start({ folders: [root], pull, debounceMs: DEFAULT_DEBOUNCE_MS });
  try {
    const t0 = performance.now();
    await client.ready();
    const indexMs = performance.now() - t0;
    const files = client.statuses.at(-1)?.files ?? 0;
    const paths = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(root, f));
    // A round trip after ready: every push the first check sent has arrived before its answer.
    if (paths[0]) await client.hover(uriOf(paths[0]), { line: 0, character: 0 });
    const r = rng(seed);
    // The server pushes nothing for a file that had and has no findings, so the push session
    // edits files that have some (an edit there always gets its new version published).
    const candidates = pull ? paths : paths.filter((p) => (client.published.get(uriOf(p))?.diagnostics.length ?? 0) > 0);
    const pool = sites(Array.from({ length: Math.min(400, candidates.length) }, () => r.pick(candidates)));
    if (!pool.length) throw new Error(`no port lines found in ${root}`);

    const hoverMs: number[] = [];
    let hits = 0;
    const opened = new Set<string>();
    const open = async (s: Site) => {
      if (opened.has(s.uri)) return;
      opened.add(s.uri);
      await client.open(s.uri, s.text);
    };
    for (let i = 0; i < hovers; i++) {
      const s = r.pick(pool);
      await open(s);
      const p: Position = { line: s.line, character: s.character };
      const h0 = performance.now();
      const h = await client.hover(s.uri, p);
      hoverMs.push(performance.now() - h0);
      if (h) hits++;
    }

    const diagMs: number[] = [];
    for (let i = 0; i < edits; i++) {
      const s = r.pick(pool);
      await open(s);
      const text = edited(s, 1 + (i % 2));
      const version = (client.versions.get(s.uri) ?? 1) + 1;
      const e0 = performance.now();
      await client.change(s.uri, text);
      if (pull) await client.documentDiagnostics(s.uri);
      else await client.until(() => client.published.get(s.uri)?.version === version);
      diagMs.push(performance.now() - e0);
      await client.change(s.uri, s.text); // back, so later edits start from the corpus text
      if (pull) await client.documentDiagnostics(s.uri);
      else await client.until(() => client.published.get(s.uri)?.version === version + 1);
    }
    return { indexMs, files, hoverMs, hits, diagMs };
  } finally {
    await client.stop();
  }
}

/** Every LSP-level latency on the stress workspace (`hovers` hovers, `edits` edits per mode). */
export async function measureLsp(root: string, hovers = 500, edits = 100): Promise<LspLatencies> {
  const pulled = await session(root, true, hovers, edits, 11);
  const pushed = await session(root, false, 0, Math.min(edits, 50), 12);
  return {
    indexMs: round(pulled.indexMs),
    files: pulled.files,
    hover: { ...stats(pulled.hoverMs), samples: pulled.hoverMs.length, hits: pulled.hits },
    pulledDiagnostics: { ...stats(pulled.diagMs), edits: pulled.diagMs.length },
    pushedDiagnostics: { ...stats(pushed.diagMs), edits: pushed.diagMs.length, debounceMs: DEFAULT_DEBOUNCE_MS },
  };
}

if (require.main === module) {
  measureLsp(ensureStress((s) => process.stderr.write(`${s}\n`)))
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((e: unknown) => {
      process.stderr.write(`bench lsp: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    });
}
