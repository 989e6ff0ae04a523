/** Path questions asked on every side of the workspace boundary (walker, readers, the panel's reveal). */
import { sep } from 'node:path';

/** Whether `path` is `root` or below it (both absolute and normalised; no file system access). */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
