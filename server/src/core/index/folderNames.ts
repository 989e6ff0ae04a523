/** Values by workspace path, and the names in each folder that holds one (a file system view for the kustomize evaluator). */
export class FolderNames<V> {
  private readonly byPath = new Map<string, V>();
  /**
   * Folder → the names in it (files, and folders with a path below). A path added walks up
   * only while its folders are new: most files join a folder that is known already.
   */
  private readonly folders = new Map<string, Set<string>>();

  get(path: string): V | undefined {
    return this.byPath.get(path);
  }

  /** The same as `get` (the evaluator's view of the index reads files by path). */
  file(path: string): V | undefined {
    return this.byPath.get(path);
  }

  set(path: string, value: V): void {
    if (!this.byPath.has(path)) this.added(path);
    this.byPath.set(path, value);
  }

  /** Forget `path` if it still holds `value`. */
  delete(path: string, value: V): void {
    if (this.byPath.get(path) !== value) return;
    this.byPath.delete(path);
    this.removed(path);
  }

  /** The names in folder `dir` ('' is the root), or undefined when no path is below it. */
  names(dir: string): string[] | undefined {
    const m = this.folders.get(dir);
    return m ? [...m] : undefined;
  }

  private added(path: string): void {
    for (let p = path; p !== '';) {
      const i = p.lastIndexOf('/');
      const dir = i < 0 ? '' : p.slice(0, i);
      const m = this.folders.get(dir);
      if (m) {
        m.add(p.slice(i + 1));
        return;
      }
      this.folders.set(dir, new Set([p.slice(i + 1)]));
      p = dir;
    }
  }

  /** A name leaves its folder when nothing is left at its path: no file, no folder with names. */
  private removed(path: string): void {
    for (let p = path; p !== '';) {
      if (this.byPath.has(p) || this.folders.has(p)) return;
      const i = p.lastIndexOf('/');
      const dir = i < 0 ? '' : p.slice(0, i);
      const m = this.folders.get(dir);
      if (!m) return;
      m.delete(p.slice(i + 1));
      if (m.size > 0) return;
      this.folders.delete(dir);
      p = dir;
    }
  }
}
