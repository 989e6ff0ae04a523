/** Values by workspace path, and the names in each folder that holds one (a file system view for the kustomize evaluator). */
export class FolderNames<V> {
  private readonly byPath = new Map<string, V>();
  /** Folder → its names (files and folders) with how many paths below each. */
  private readonly folders = new Map<string, Map<string, number>>();

  get(path: string): V | undefined {
    return this.byPath.get(path);
  }

  /** The same as `get` (the evaluator's view of the index reads files by path). */
  file(path: string): V | undefined {
    return this.byPath.get(path);
  }

  set(path: string, value: V): void {
    if (!this.byPath.has(path)) this.count(path, 1);
    this.byPath.set(path, value);
  }

  /** Forget `path` if it still holds `value`. */
  delete(path: string, value: V): void {
    if (this.byPath.get(path) !== value) return;
    this.byPath.delete(path);
    this.count(path, -1);
  }

  /** The names in folder `dir` ('' is the root), or undefined when no path is below it. */
  names(dir: string): string[] | undefined {
    const m = this.folders.get(dir);
    return m ? [...m.keys()] : undefined;
  }

  private count(path: string, sign: 1 | -1): void {
    for (let p = path; p !== '';) {
      const i = p.lastIndexOf('/');
      const dir = i < 0 ? '' : p.slice(0, i);
      const name = p.slice(i + 1);
      let m = this.folders.get(dir);
      if (!m) this.folders.set(dir, (m = new Map()));
      const n = (m.get(name) ?? 0) + sign;
      if (n > 0) m.set(name, n);
      else m.delete(name);
      if (m.size === 0) this.folders.delete(dir);
      p = dir;
    }
  }
}
