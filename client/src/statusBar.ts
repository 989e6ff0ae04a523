/**
 * The status bar item: index state and resource count from `podpath/indexStatus`, the
 * server's state when it is not running; a click shows the output.
 */
import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import type { IndexStatusParams } from '../../server/src/protocol';

export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;

  constructor(showOutputCommand: string) {
    this.item = window.createStatusBarItem('podpath.status', StatusBarAlignment.Right, 100);
    this.item.name = 'podpath';
    this.item.command = showOutputCommand;
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.set('$(sync~spin) podpath', 'podpath: starting the language server');
  }

  index(s: IndexStatusParams): void {
    const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
    if (s.state === 'indexing') this.set(`$(sync~spin) podpath: indexing ${s.files}`, `podpath: indexing the workspace (${s.files} files so far)`);
    else this.set(`$(pulse) podpath: ${s.resources}`, `podpath: ${s.resources} resources in ${s.files} files${skipped}. Click for the output.`);
  }

  stopped(reason: string): void {
    this.set('$(error) podpath', `podpath: ${reason}. Click for the output.`, new ThemeColor('statusBarItem.errorBackground'));
  }

  private set(text: string, tooltip: string, background?: ThemeColor): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
  }

  dispose(): void {
    this.item.dispose();
  }
}
