/** The name of the example shop's copy: vscode-free, so unit tests can reach it. */

/** `podpath-examples`, or `podpath-examples-2`, `-3`, … when that name is taken in the parent folder. */
export function exampleFolderName(taken: ReadonlySet<string>): string {
  if (!taken.has('podpath-examples')) return 'podpath-examples';
  for (let n = 2; ; n++) if (!taken.has(`podpath-examples-${n}`)) return `podpath-examples-${n}`;
}
