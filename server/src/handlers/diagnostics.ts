/** Pull diagnostics: `textDocument/diagnostic` and `workspace/diagnostic`, answered by the publisher. */
import type {
  CancellationToken,
  DiagnosticServerCancellationData,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  ResponseError,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import { normUri } from '../workspace/folders';
import type { Workspace } from '../workspace/workspace';

export function documentDiagnostics(
  ws: Workspace,
  params: DocumentDiagnosticParams,
  token: CancellationToken,
): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
  return ws.publisher.document(normUri(params.textDocument.uri), params.previousResultId, token);
}

export function workspaceDiagnostics(
  ws: Workspace,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
): Promise<WorkspaceDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
  return ws.publisher.workspace(params, token);
}
