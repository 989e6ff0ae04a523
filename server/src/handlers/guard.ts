/**
 * Every request handler goes through `guard`: a cancelled request answers RequestCancelled,
 * a request after `shutdown` InvalidRequest, and a thrown error is logged with the
 * document's URI and answers the empty result, so one bad file never takes the server
 * down or leaves the client waiting.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Workspace } from '../workspace/workspace';

export type Handler<P, R> = (ws: Workspace, params: P, token: CancellationToken) => R | Promise<R>;

/** Wrap a handler; `ws()` is the server instance (undefined before `initialize`). */
export function guard<P, R, E = void>(
  ws: () => Workspace | undefined,
  name: string,
  empty: R,
  fn: Handler<P, R | ResponseError<E>>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<E>> {
  return async (params, token) => {
    const w = ws();
    if (token.isCancellationRequested) return cancelled<E>();
    if (!w) return empty;
    // LSP: requests after `shutdown` are an error.
    if (w.shutDown) return new ResponseError<E>(ErrorCodes.InvalidRequest, 'the server is shut down');
    try {
      const result = await fn(w, params, token);
      if (result instanceof ResponseError) return result;
      return token.isCancellationRequested ? cancelled<E>() : result;
    } catch (e) {
      w.error(`${name} failed for ${uriOf(params) ?? '(no document)'}: ${(e as Error)?.stack ?? String(e)}`);
      return empty;
    }
  };
}

/** Wrap a notification handler: errors are logged, never thrown. */
export function guardNotification<P>(
  ws: () => Workspace | undefined,
  name: string,
  fn: (ws: Workspace, params: P) => void | Promise<void>,
): (params: P) => void {
  return (params) => {
    const w = ws();
    if (!w || w.shutDown) return;
    Promise.resolve()
      .then(() => fn(w, params))
      .catch((e: unknown) => w.error(`${name} failed for ${uriOf(params) ?? '(no document)'}: ${(e as Error)?.stack ?? String(e)}`));
  };
}

function cancelled<E>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'cancelled');
}

function uriOf(params: unknown): string | undefined {
  const p = params as { textDocument?: { uri?: string }; uri?: string } | undefined;
  return p?.textDocument?.uri ?? p?.uri;
}
