import type { SourceFs } from '../../server/src/core/sources/kustomize/types';

/** A workspace given as path → text, for the evaluator's tests. */
export function memFs(files: Record<string, string>): SourceFs {
  const dirs = new Map<string, Set<string>>([['', new Set()]]);
  for (const p of Object.keys(files)) {
    const parts = p.split('/');
    for (let i = 0; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d)) dirs.set(d, new Set());
      dirs.get(d)!.add(parts[i]!);
    }
  }
  return { read: (p) => files[p], list: (d) => (dirs.has(d) ? [...dirs.get(d)!] : undefined), isDir: (d) => dirs.has(d) };
}
