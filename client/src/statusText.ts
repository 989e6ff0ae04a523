/** The status bar's words (vscode-free, so unit tests can reach them). */
import type { IndexStatusParams } from '../../server/src/protocol';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "podpath: 23 objects · $(error) 2 $(warning) 5": what is counted is always named. */
export function statusText(s: IndexStatusParams, problems: { errors: number; warnings: number }): { text: string; tooltip: string } {
  if (s.state === 'indexing')
    return {
      text: `$(sync~spin) podpath: indexing ${s.files}`,
      tooltip: `podpath: indexing the workspace (${plural(s.files, 'file', 'files')} so far)`,
    };
  const skipped = s.skipped ? `, ${s.skipped} skipped` : '';
  const objects = plural(s.resources, 'object', 'objects');
  const found = problems.errors + problems.warnings;
  const text = found
    ? `$(pulse) podpath: ${objects} · $(error) ${problems.errors} $(warning) ${problems.warnings}`
    : `$(pulse) podpath: ${objects} · $(check) no problems`;
  const said = found
    ? `${plural(problems.errors, 'error', 'errors')} and ${plural(problems.warnings, 'warning', 'warnings')} (click for the Problems panel)`
    : 'no errors or warnings (click for the output)';
  return {
    text,
    tooltip: `podpath checked ${plural(s.resources, 'Kubernetes object', 'Kubernetes objects')} in ${plural(s.files, 'file', 'files')}${skipped}: ${said}.`,
  };
}
