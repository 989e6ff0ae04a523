/** `textDocument/completion` → values that link (ports, selector labels, Service names, a free nodePort). */
import { CompletionItemKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { completionsAt, type CompletionEntry } from '../core/features/completion';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { toRange } from './convert';

const kinds: Record<CompletionEntry['kind'], CompletionItemKind> = {
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  property: CompletionItemKind.Property,
};

export function completion(ws: Workspace, params: CompletionParams): CompletionItem[] {
  const file = ws.file(params.textDocument.uri);
  if (!file) return [];
  return completionsAt(ws.index, file, offsetAt(file, params.position)).map((c) => ({
    label: c.label,
    kind: kinds[c.kind],
    detail: c.detail,
    filterText: c.filterText,
    sortText: c.sortText,
    preselect: c.preselect,
    textEdit: { range: toRange(file, c.span), newText: c.insertText },
  }));
}
