/**
 * Document highlights: the references of the symbol under the cursor that lie in the same
 * file, the defining place marked as a write (a container port, a Service name, a label).
 */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { SourceFile } from '../model/resource';
import type { Span } from '../model/ytree';
import { referencesAt } from './references';

export interface Highlight {
  span: Span;
  kind: 'read' | 'write';
}

/** Highlights of what is under the cursor, in its own file. */
export function highlightsAt(index: WorkspaceIndex, file: SourceFile, offset: number): Highlight[] {
  return referencesAt(index, file, offset, true)
    .filter((r) => r.file.uri === file.uri)
    .map((r) => ({ span: r.span, kind: r.declaration ? 'write' : 'read' }));
}
