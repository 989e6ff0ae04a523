/**
 * The watcher's reports, numbered, while an indexing run may be reading the same files: a
 * run notes the number before it reads a batch, and drops what it read of any file (or
 * folder above it) reported changed since — the watcher queues that file's newer state
 * itself. Without this, a file deleted while its batch was being read would come back.
 */
export class DiskChanges {
  private seq = 0;
  private readonly changes = new Map<string, number>();

  /** The number to give `changedSince` after reading. */
  current(): number {
    return this.seq;
  }

  /** The watcher reported this file or folder URI changed, created or deleted. */
  note(uri: string): void {
    this.changes.set(uri, ++this.seq);
  }

  /** Whether `uri`, or a folder above it, was reported after `seq`. */
  changedSince(uri: string, seq: number): boolean {
    if (this.changes.size === 0) return false;
    for (let u = uri; u.length > 'file://'.length; u = u.slice(0, u.lastIndexOf('/'))) {
      if ((this.changes.get(u) ?? -1) > seq) return true;
    }
    return false;
  }

  /** No run is reading any more: forget. */
  clear(): void {
    this.changes.clear();
  }
}
