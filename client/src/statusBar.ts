/**
 * The status bar item: index state and how many Kubernetes objects were checked (from
 * `podpath/indexStatus`), and — said apart, so a count is never read as the wrong thing —
 * how many problems podpath reports; the server's state when it is not running. A click
 * shows the Problems panel when there are problems, else the output.
 */
import { languages, StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import type { IndexStatusParams } from '../../server/src/protocol';
import { statusText } from './statusText';

export class StatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private readonly watch: Disposable;
  private last: IndexStatusParams | undefined;
  private problems = { errors: 0, warnings: 0 };

  constructor(private readonly showOutputCommand: string) {
    this.item = window.createStatusBarItem('podpath.status', StatusBarAlignment.Right, 100);
    this.item.name = 'podpath';
    this.item.command = showOutputCommand;
    this.starting();
    this.item.show();
    this.watch = languages.onDidChangeDiagnostics(() => this.countProblems());
  }

  starting(): void {
    this.set('$(sync~spin) podpath', 'podpath: starting the language server');
  }

  index(s: IndexStatusParams): void {
    this.last = s;
    this.render();
  }

  stopped(reason: string): void {
    this.last = undefined;
    this.set('$(error) podpath', `podpath: ${reason}. Click for the output.`, new ThemeColor('statusBarItem.errorBackground'));
  }

  private countProblems(): void {
    let errors = 0;
    let warnings = 0;
    for (const [, list] of languages.getDiagnostics()) {
      for (const d of list) {
        if (d.source !== 'podpath') continue;
        if (d.severity === 0) errors++;
        else if (d.severity === 1) warnings++;
      }
    }
    if (errors === this.problems.errors && warnings === this.problems.warnings) return;
    this.problems = { errors, warnings };
    this.render();
  }

  private render(): void {
    if (!this.last) return;
    const t = statusText(this.last, this.problems);
    this.set(t.text, t.tooltip);
    this.item.command = this.problems.errors + this.problems.warnings > 0 ? 'workbench.actions.view.problems' : this.showOutputCommand;
  }

  private set(text: string, tooltip: string, background?: ThemeColor): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
  }

  dispose(): void {
    this.watch.dispose();
    this.item.dispose();
  }
}
