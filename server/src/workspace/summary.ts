/** What the server says about its index and folders in the log and to the user. */
import type { WorkspaceIndex } from '../core/index/workspaceIndex';

/** `12 files (40 resources); skipped: 1 too large; left out: 3 Helm templates`, for the log. */
export function indexSummary(index: WorkspaceIndex): string {
  const counts = new Map<string, number>();
  let resources = 0;
  let broken = 0;
  for (const f of index.allFiles()) {
    resources += f.resources.length;
    if (f.excluded) counts.set(f.excluded, (counts.get(f.excluded) ?? 0) + 1);
    if (f.problems.some((p) => p.rule === 'yaml-syntax')) broken++;
  }
  const n = (k: string): number => counts.get(k) ?? 0;
  const list = (parts: [number, string][]): string =>
    parts
      .filter(([c]) => c > 0)
      .map(([c, what]) => `${c} ${what}`)
      .join(', ');
  const skipped = list([
    [n('too-large'), 'too large (podpath.maxFileSize)'],
    [n('binary'), 'binary'],
  ]);
  const leftOut = list([
    [n('helm-template'), 'Helm templates'],
    [n('kustomize-patch'), 'kustomize patches'],
    [n('not-kubernetes'), 'not Kubernetes YAML'],
  ]);
  return `${index.fileCount} files (${resources} resources)${broken ? `; ${broken} with YAML errors` : ''}${skipped ? `; skipped: ${skipped}` : ''}${leftOut ? `; left out: ${leftOut}` : ''}`;
}

/** Shown once when the client named no folder. */
export const NO_FOLDER_WARNING =
  "podpath: the client gave no workspace folder (workspaceFolders, rootUri and rootPath are empty), so only the files you open are checked and links to the other files of the project are not found. Start the server with a root folder (e.g. a root marker such as .git in the editor's LSP settings).";
