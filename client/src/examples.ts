/**
 * The bundled example shop (examples/ in the VSIX), for the walkthrough. It is copied to a
 * folder the user picks rather than opened in place: the walkthrough has the user apply
 * quick fixes, and the extension's own folder is replaced on every update.
 */
import { homedir } from 'node:os';
import { commands, Selection, Uri, ViewColumn, window, workspace } from 'vscode';
import type { PodpathContext } from './context';
import { exampleFolderName } from './exampleFolder';

/** `podpath.openExamples`: copy examples/ into a new folder under one the user picks, and open it. */
export async function openExamples(ctx: PodpathContext): Promise<void> {
  // Proposed outside any open folder: the copy is a playground, not part of the user's repository.
  const picked = await window.showOpenDialog({
    defaultUri: Uri.file(homedir()),
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Copy the example shop here',
    title: 'podpath: where should the example shop go? (a new folder is created inside)',
  });
  const parent = picked?.[0];
  if (!parent) return;
  const taken = new Set((await workspace.fs.readDirectory(parent)).map(([name]) => name));
  const target = Uri.joinPath(parent, exampleFolderName(taken));
  await workspace.fs.copy(Uri.joinPath(ctx.extension.extensionUri, 'examples'), target, { overwrite: false });
  ctx.output.appendLine(`podpath: copied the example shop to ${target.fsPath}`);
  // A window that already shows a folder keeps it; the examples open beside it.
  await commands.executeCommand('vscode.openFolder', target, { forceNewWindow: (workspace.workspaceFolders?.length ?? 0) > 0 });
}

/**
 * `podpath.openExampleFile` (walkthrough links): open `file` of the opened example shop with
 * `find` selected, so the next hover or quick fix is one keystroke away, and mark the
 * walkthrough `step` done (context key `podpath.walkthrough.<step>`).
 */
export async function openExampleFile(ctx: PodpathContext, file: unknown, find: unknown, step?: unknown): Promise<void> {
  if (typeof file !== 'string' || file.includes('..')) return;
  for (const folder of workspace.workspaceFolders ?? []) {
    const uri = Uri.joinPath(folder.uri, ...file.split('/'));
    const exists = await workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) continue;
    // Beside the walkthrough, which stays readable in its own group.
    const editor = await window.showTextDocument(uri, { viewColumn: ViewColumn.Beside });
    const at = typeof find === 'string' ? editor.document.getText().indexOf(find) : -1;
    if (at >= 0 && typeof find === 'string') {
      editor.selection = new Selection(editor.document.positionAt(at), editor.document.positionAt(at + find.length));
      editor.revealRange(editor.selection);
    }
    if (typeof step === 'string' && /^[A-Za-z]+$/.test(step))
      await commands.executeCommand('setContext', `podpath.walkthrough.${step}`, true);
    return;
  }
  const open = 'Open the example shop';
  if ((await window.showInformationMessage(`podpath: ${file} is part of the example shop, which is not open.`, open)) === open)
    await openExamples(ctx);
}
