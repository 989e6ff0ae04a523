/** A SourceFs (core/sources/kustomize/types.ts) over a folder on disk: workspace-relative POSIX paths, nothing outside the folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFs } from '../core/sources/kustomize/types';

export function diskSourceFs(root: string): SourceFs {
  const abs = (p: string): string | undefined => (p.split('/').includes('..') ? undefined : join(root, p));
  return {
    read(p) {
      const a = abs(p);
      if (a === undefined) return undefined;
      try {
        return statSync(a).isFile() ? readFileSync(a, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    list(p) {
      const a = abs(p);
      if (a === undefined) return undefined;
      try {
        return readdirSync(a);
      } catch {
        return undefined;
      }
    },
    isDir(p) {
      const a = abs(p);
      if (a === undefined) return false;
      try {
        return statSync(a).isDirectory();
      } catch {
        return false;
      }
    },
  };
}
