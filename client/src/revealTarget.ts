/**
 * Which file a `reveal` message from the webview may open. The webview is its own security
 * boundary: a forged message must not open anything outside the workspace. Only a `file:`
 * URI of a YAML file (the only files a traffic path points into) inside a workspace folder
 * qualifies — inside after `..` is normalised, and again after symbolic links are resolved,
 * so a link in the workspace cannot lead out of it. Pure (no `vscode`): tested under node.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { URI } from 'vscode-uri';
import { isInside } from '../../server/src/node/paths';

export type RevealTarget = { path: string } | { refused: string };

/** Longer than any path a graph carries: not one we sent. */
const maxUri = 4096;

/** The file to open for `uriText`, given the workspace folders' paths; or why not. */
export function revealTarget(uriText: string, folders: readonly string[]): RevealTarget {
  if (uriText.length > maxUri) return { refused: 'the URI is too long' };
  let uri: URI;
  try {
    uri = URI.parse(uriText, true);
  } catch {
    return { refused: 'not a URI' };
  }
  if (uri.scheme !== 'file') return { refused: `a ${uri.scheme}: URI, not a file` };
  if (uri.authority !== '') return { refused: 'a file on another host' };
  const path = resolve(uri.fsPath);
  if (!/\.ya?ml$/i.test(path)) return { refused: 'not a YAML file' };
  if (!folders.some((f) => isInside(path, resolve(f)))) return { refused: 'outside the workspace folders' };
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { refused: 'no such file' };
  }
  const realFolders = folders.map((f) => {
    try {
      return realpathSync(f);
    } catch {
      return resolve(f);
    }
  });
  if (!realFolders.some((f) => isInside(real, f))) return { refused: 'a symbolic link to outside the workspace folders' };
  return { path };
}
