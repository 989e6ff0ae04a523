/**
 * The peer: @monokle/validation with only its resource-links plugin, run the way the
 * monokle CLI runs it (its `extractK8sResources`: parse every file, `toJS` every document,
 * then `processRefs` and `validate`). Two differences, both in the peer's favour: a
 * resource's text is the slice of its file (the monokle CLI re-stringifies the document),
 * and CustomResourceDefinitions are left out — offline, the validator's kubernetes-schema
 * plugin has no schemas and throws on them even when disabled, and resource-links ignores
 * them anyway. Each run builds a fresh validator, so nothing is cached between runs.
 */
import { LineCounter, parseAllDocuments } from 'yaml';

/** What a run did, to show the peer saw the same workspace. */
export interface PeerRun {
  resources: number;
  results: number;
}

interface MonokleResource {
  id: string;
  fileId: string;
  filePath: string;
  fileOffset: number;
  name: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  content: Record<string, unknown>;
  text: string;
}

type Monokle = typeof import('@monokle/validation');
let loaded: Monokle | undefined;

/** The library is ESM; load it once, outside the timed part. */
export async function loadPeer(): Promise<void> {
  loaded ??= (await import('@monokle/validation')) as Monokle;
}

/** Parse + processRefs + validate over the texts; the caller times it. */
export async function runPeer(texts: readonly (readonly [string, string, ...unknown[]])[]): Promise<PeerRun> {
  const m = loaded!;
  const resources = extract(texts);
  const parser = new m.ResourceParser();
  const validator = new m.MonokleValidator(
    { loader: new m.DefaultPluginLoader(), parser, schemaLoader: new m.SchemaLoader(), suppressors: [], fixer: new m.DisabledFixer() },
    { plugins: { 'resource-links': true } },
  );
  await validator.preload({ plugins: { 'resource-links': true } });
  m.processRefs(resources as never, parser);
  const response = await validator.validate({ resources: resources as never });
  return { resources: resources.length, results: response.runs.reduce((n, r) => n + r.results.length, 0) };
}

/** The monokle CLI's resource extraction, minus CRDs. */
function extract(texts: readonly (readonly [string, string, ...unknown[]])[]): MonokleResource[] {
  const out: MonokleResource[] = [];
  for (const [path, text] of texts) {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, strict: false });
    const list = Array.isArray(docs) ? docs : [];
    list.forEach((doc, i) => {
      if (doc.errors.length) return;
      let content: unknown;
      try {
        content = doc.toJS({ maxAliasCount: 100 });
      } catch {
        return;
      }
      if (!content || typeof content !== 'object') return;
      const c = content as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
      if (typeof c.apiVersion !== 'string' || typeof c.kind !== 'string' || c.kind === 'CustomResourceDefinition') return;
      const [start, , end] = doc.range;
      out.push({
        id: `${path}#${i}`,
        fileId: path,
        filePath: path,
        fileOffset: lineCounter.linePos(start).line - 1,
        name: typeof c.metadata?.name === 'string' ? c.metadata.name : `${c.kind}-${i}`,
        apiVersion: c.apiVersion,
        kind: c.kind,
        namespace: typeof c.metadata?.namespace === 'string' ? c.metadata.namespace : undefined,
        content: content as Record<string, unknown>,
        text: text.slice(start, end),
      });
    });
  }
  return out;
}
