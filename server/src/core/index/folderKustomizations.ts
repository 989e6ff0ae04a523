/**
 * What the kustomizations of the workspace say about the files next to them, for parsing: the
 * namespace of a folder's kustomization, and which files some kustomization lists as a patch
 * (a patch is not an object of its own). Kept per kustomization URI, so that an edit or a
 * removal says which files may read differently now.
 */
import type { FolderContext } from '../parse/parseFile';
import { decodedUri, folderContext, patchTargets, type Kustomization } from './kustomize';

export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

export class FolderKustomizations {
  private readonly byDir = new Map<string, Map<string, Kustomization>>();
  /** Decoded URI of each file some kustomization lists as a patch → those kustomizations' URIs. */
  private readonly patches = new Map<string, Set<string>>();

  /** Record kustomization `uri`; returns the (decoded) URIs whose patch status may have changed. */
  set(uri: string, k: Kustomization): Set<string> {
    const dir = dirOf(uri);
    let ks = this.byDir.get(dir);
    if (!ks) this.byDir.set(dir, (ks = new Map()));
    ks.set(uri, k);
    return this.setPatches(uri, patchTargets(dir, k));
  }

  /** Forget kustomization `uri`; the URIs whose patch status may have changed, or undefined when it was none. */
  remove(uri: string): Set<string> | undefined {
    const dir = dirOf(uri);
    const ks = this.byDir.get(dir);
    if (!ks?.delete(uri)) return undefined;
    if (ks.size === 0) this.byDir.delete(dir);
    return this.setPatches(uri, []);
  }

  /** What the folder's kustomization says about a file (its namespace, patch or resource). */
  contextOf(uri: string): FolderContext | undefined {
    const ks = this.byDir.get(dirOf(uri));
    const k = ks ? ks.values().next().value : undefined;
    return folderContext(k, baseName(uri), this.patches.size > 0 && this.patches.has(decodedUri(uri)));
  }

  /** Make `targets` the patches of kustomization `uri`; returns those it had or has now. */
  private setPatches(uri: string, targets: readonly string[]): Set<string> {
    const changed = new Set(targets);
    for (const [target, by] of this.patches) {
      if (!by.delete(uri)) continue;
      changed.add(target);
      if (by.size === 0) this.patches.delete(target);
    }
    for (const t of targets) {
      let by = this.patches.get(t);
      if (!by) this.patches.set(t, (by = new Set()));
      by.add(uri);
    }
    return changed;
  }
}
