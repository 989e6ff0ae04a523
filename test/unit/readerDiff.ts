/**
 * The differential check of the two YAML readers (core/parse/readYaml.ts): the fast block
 * reader (blockTree.ts) against the `yaml` fallback (yamlFallback.ts + toTree), on one
 * document's text. Shared by blockTree.test.ts and blockFlow.test.ts.
 */
import assert from 'node:assert/strict';
import { blockTree } from '../../server/src/core/parse/blockTree';
import { readDocument, type ReadDocument } from '../../server/src/core/parse/readYaml';
import type { YNode } from '../../server/src/core/model/ytree';

/** The fallback's reading: tree, or 'error' when it reports one. */
export function reference(text: string, offset = 0): YNode | undefined | 'error' {
  const doc = slow(text, offset);
  return doc.problems.some((p) => p.severity === 'error') ? 'error' : doc.root;
}

/** The document as `yaml` alone reads it. */
export function slow(text: string, offset = 0): ReadDocument {
  return readDocument({ start: offset, text }, { fast: false });
}

/** undefined when blockTree gives up or agrees (tree, spans, quoting, findings); else what differs. */
export function disagreement(text: string, offset = 0): string | undefined {
  if (blockTree(text, offset) === undefined) return undefined;
  const fast = readDocument({ start: offset, text });
  const ref = slow(text, offset);
  if (ref.problems.some((p) => p.severity === 'error')) return 'accepted a document yaml rejects';
  try {
    assert.deepStrictEqual(fast, ref);
    return undefined;
  } catch (e) {
    return (e as Error).message.slice(0, 2000);
  }
}

/** The fast reader takes the text, and reads it as `yaml` does. */
export function agrees(text: string, offset = 0): void {
  assert.ok(blockTree(text, offset), `the fast path should take:\n${text}`);
  assert.equal(disagreement(text, offset), undefined);
}
