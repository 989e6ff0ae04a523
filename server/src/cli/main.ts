/**
 * `podpath check`, `podpath trace` (cli-and-protocol.md) and `podpath build` (a Helm chart rendered). Exit 0: no error (and
 * warnings within --max-warnings); 1: errors; 2: bad usage, path or config — one line on
 * stderr, never a stack trace.
 */
import { parseArgs } from 'node:util';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSync } from 'node:fs';
import { ConfigError, findConfig, loadConfig, type PodpathConfig } from '../node/config';
import { loadWorkspace, UsageError } from '../node/loadWorkspace';
import { useColour } from './colour';
import { allDiagnostics, countOf, writeJson, writeText } from './report';
import { safeLines, stderrLine } from './printable';
import { writeSarif } from './sarif';
import { runTrace } from './trace';
import { runBuild } from './build';
import { formatUnits } from './units';
import { variantEntry } from '../node/configVariant';
import type { ChartVariant } from '../core/features/chartVariants';
import { repositoryUrl } from '../core/rules';
import pkg from '../../../package.json';

const usage = `podpath ${pkg.version} — how traffic reaches your Kubernetes Pods, and where it will not

Usage:
  podpath check [PATH ...] [--format text|json|sarif] [--config FILE] [--max-warnings N]
  podpath trace [PATH ...] --service [NAMESPACE/]NAME [--unit NAME] [--format text|json|svg] [--config FILE]
  podpath units [PATH ...] [--format text|json] [--config FILE]
  podpath build FOLDER [--format yaml|json] [--provenance]      (what \`kubectl kustomize\` prints)
  podpath build CHART [--values FILE ...] [--set K=V ...] [--release NAME] [--namespace NS]
                [--kube-version V] [--format yaml|json]   (what \`helm template\` prints)

PATHs are files or folders (default: .), searched for *.yaml/*.yml (and Kustomization), honouring
.gitignore; all of them form one workspace. Links resolve inside each apply unit (a kustomization
root, an Argo CD or Flux target, a configured unit, or the rest): see podpath units.
Options:
  -f, --format        output format (check: text, json, sarif; trace: text, json, svg; units: text, json)
  -c, --config FILE   a .podpath.yaml (default: the first found from the first PATH
                      up to the repository root, the folder holding .git)
      --max-warnings N  exit 1 when there are more than N warnings
  -s, --service NAME  the Service to trace, as NAMESPACE/NAME or NAME
  -u, --unit NAME     the apply unit to trace the Service in (default: the first that has it)
      --provenance    build: say where each value an overlay set comes from
      --color, --no-color  force colour on or off (default: on a terminal only;
                      FORCE_COLOR and NO_COLOR are honoured)
  -h, --help          this help
  -v, --version       the version
Exit status: 0 no errors, 1 errors (or too many warnings), 2 bad usage, path or config.
Rules: ${repositoryUrl}/tree/main/docs/rules
`;

let stdoutClosed = false;

/**
 * Write all of `s` to stdout. `writeSync` on a pipe writes what fits (a 20 MB JSON report
 * into `| jq` does not) or fails with EAGAIN while the reader catches up: loop until every
 * byte is out. A reader that went away (`| head`) ends the output, not the run.
 */
function out(s: string): void {
  const buf = Buffer.from(s);
  for (let at = 0; at < buf.length && !stdoutClosed;) {
    try {
      at += writeSync(1, buf, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') stdoutClosed = true;
      else if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
      else throw e;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        service: { type: 'string', short: 's' },
        values: { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        release: { type: 'string' },
        namespace: { type: 'string' },
        'kube-version': { type: 'string' },
        unit: { type: 'string', short: 'u' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        provenance: { type: 'boolean' },
      },
    });
  } catch (e) {
    // Node's own wording, without its advice on positionals starting with "-".
    const reason = ((e as Error).message.split('\n')[0] ?? '').split('. To specify')[0]!.replace(/\.$/, '');
    throw new UsageError(`${reason} (see podpath --help)`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    out(`${pkg.version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help) {
    out(usage);
    return 0;
  }
  if (!command) throw new UsageError('no command: use check, trace, units or build (see podpath --help)');
  if (values.unit !== undefined && command !== 'trace') throw new UsageError(`--unit goes with trace, not ${command}`);
  if (command === 'build') {
    const built = runBuild(
      paths,
      {
        format: values.format,
        provenance: values.provenance,
        values: values.values,
        set: values.set,
        release: values.release,
        namespace: values.namespace,
        kubeVersion: values['kube-version'],
      },
      (s) => process.stderr.write(s),
    );
    out(built.text);
    return built.status;
  }
  if (command !== 'check' && command !== 'trace' && command !== 'units')
    throw new UsageError(`unknown command "${command}": use check, trace, units or build (see podpath --help)`);
  let configPath = values.config;
  if (configPath === undefined) {
    const found = findConfig(paths[0] !== undefined ? dirOrSelf(paths[0]) : '.');
    if (found.refused) err(`${displayPath(found.refused.path)}: ${found.refused.reason}`);
    configPath = found.path;
  }
  const config: PodpathConfig = configPath ? loadConfig(configPath) : { rules: {}, exclude: [] };
  // Which settings applied is never a guess: a config from a folder above changes what is checked.
  if (configPath) err(`config ${displayPath(configPath)}`);
  const colour = useColour({ color: values.color, noColor: values['no-color'], env: process.env, isTTY: process.stdout.isTTY === true });

  if (command === 'check') {
    const format = values.format ?? 'text';
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format ${format}: check writes text, json or sarif`);
    let maxWarnings: number | undefined;
    if (values['max-warnings'] !== undefined) {
      if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings ${values['max-warnings']}: expected a whole number`);
      maxWarnings = Number(values['max-warnings']);
    }
    if (values.service) throw new UsageError('--service goes with trace, not check');
    const ws = await loadWorkspace(paths, config);
    for (const p of ws.problems) err(`skipped ${p.path}: ${p.message}`);
    const ds = allDiagnostics(ws.index, config.rules);
    const resources = [...ws.index.resources()].length;
    if (format === 'json') writeJson(ds, ws.files, resources, out);
    else if (format === 'sarif') writeSarif(ds, pkg.version, pathToFileURL(process.cwd()).href, out);
    else writeText(ds, ws.files, resources, colour, out);
    const c = countOf(ds);
    return c.errors > 0 || (maxWarnings !== undefined && c.warnings > maxWarnings) ? 1 : 0;
  }
  if (command === 'units') {
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format}: units writes text or json`);
    if (values.service) throw new UsageError('--service goes with trace, not units');
    const ws = await loadWorkspace(paths, config);
    for (const p of ws.problems) err(`skipped ${p.path}: ${p.message}`);
    // Variants are suggested for the config in use, or for a new one where podpath would find it.
    const configFile = resolve(configPath ?? resolve(paths[0] !== undefined ? dirOrSelf(paths[0]) : '.', '.podpath.yaml'));
    const hint = { configFile: displayPath(configFile), entryOf: (v: ChartVariant) => variantEntry(v, config, dirname(configFile)) };
    out(formatUnits(ws.index, format, hint));
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'svg'].includes(format)) throw new UsageError(`--format ${format}: trace writes text, json or svg`);
  if (!values.service) throw new UsageError('trace needs --service [NAMESPACE/]NAME');
  const ws = await loadWorkspace(paths, config);
  const traced = runTrace(ws.index, values.service, format as 'text' | 'json' | 'svg', config, values.unit);
  out(format === 'text' ? safeLines(traced) : traced);
  return 0;
}

/** One line on stderr, escaped: names in it come from the workspace. */
function err(s: string): void {
  process.stderr.write(`podpath: ${stderrLine(s)}\n`);
}

/** A path as the user would type it from here: relative when below the current folder. */
function displayPath(p: string): string {
  const rel = relative(process.cwd(), resolve(p));
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(p) : rel;
}

function dirOrSelf(p: string): string {
  return /\.ya?ml$/i.test(p) ? dirname(p) : p;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof ConfigError) err(e.message);
    // Not meant to happen; still one short line (a message may hold a whole input).
    else err(`internal error: ${String((e as Error)?.message ?? e).slice(0, 300)}`);
    process.exitCode = 2;
  },
);
