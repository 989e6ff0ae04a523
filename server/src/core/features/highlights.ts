/**
 * Document highlights: the references of the symbol under the cursor that lie in the same
 * file, the defining place marked as a write (a container port, a Service name, a label).
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { realPlace, type SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { referencesAt } from './references';

export interface Highlight {
  span: Span;
  kind: 'read' | 'write';
}

/** Highlights of what is under the cursor, in its own file (a place of a kustomize build's objects is where its text is). */
export function highlightsAt(index: WorkspaceIndex, file: SourceFile, offset: number): Highlight[] {
  const seen = new Set<string>();
  const out: Highlight[] = [];
  for (const r of referencesAt(index, file, offset, true)) {
    const at = realPlace(r.file, r.span);
    const key = `${at.span[0]}:${at.span[1]}`;
    if (at.file.uri !== file.uri || seen.has(key)) continue;
    seen.add(key);
    out.push({ span: at.span, kind: r.declaration ? 'write' : 'read' });
  }
  return out;
}
