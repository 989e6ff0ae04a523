/** `textDocument/prepareRename` and `textDocument/rename` → port names and Services, or a refusal. */
import {
  ResponseError,
  ErrorCodes,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { prepareRenameAt, renameAt } from '../core/features/rename';
import { offsetAt } from '../core/model/positions';
import type { Workspace } from '../workspace/workspace';
import { toRange, toWorkspaceEdit } from './convert';

export function prepareRename(
  ws: Workspace,
  params: PrepareRenameParams,
): { range: Range; placeholder: string } | ResponseError<void> | null {
  const file = ws.file(params.textDocument.uri);
  if (!file) return null;
  const r = prepareRenameAt(ws.index, file, offsetAt(file, params.position));
  if ('error' in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
  return { range: toRange(file, r.span), placeholder: r.placeholder };
}

export function rename(ws: Workspace, params: RenameParams): WorkspaceEdit | ResponseError<void> | null {
  const file = ws.file(params.textDocument.uri);
  if (!file) return null;
  const r = renameAt(ws.index, file, offsetAt(file, params.position), params.newName);
  if ('error' in r) return new ResponseError(ErrorCodes.InvalidRequest, r.error);
  return toWorkspaceEdit(r);
}
