/**
 * What unit discovery reads from the index's files (kustomizations and GitOps objects, by
 * workspace path), and whether it changed since discovery last ran.
 */
import type { Kustomization } from '../index/kustomize';
import { discoverUnits, type GitOpsTarget, type KustomizationInfo, type UnitDef, type UnitSpec } from './discover';
import { mayHoldGitOps, readGitOps } from './gitops';

export class UnitSources {
  private readonly kinfo = new Map<string, KustomizationInfo>();
  private readonly gitops = new Map<string, readonly GitOpsTarget[]>();
  /** The Helm charts' Chart.yaml paths: each chart is a unit of its own. */
  private readonly charts = new Set<string>();
  /** Discovery must run again (a kustomization, GitOps object or setting changed). */
  stale = true;

  /** Note a kustomization's entries; discovery runs again when they change. */
  kustomization(path: string, k: Kustomization): void {
    const info: KustomizationInfo = {
      file: path,
      resources: [...k.resources],
      components: [...k.components],
      ...(k.component ? { component: true } : {}),
    };
    const had = this.kinfo.get(path);
    if (had && JSON.stringify(had) === JSON.stringify(info)) return;
    this.kinfo.set(path, info);
    this.stale = true;
  }

  /** Note the GitOps objects of a file; discovery runs again when they change. */
  file(path: string, text: string): void {
    if (isChartFile(path) && !this.charts.has(path)) {
      this.charts.add(path);
      this.stale = true;
    }
    const had = this.gitops.get(path);
    const may = mayHoldGitOps(text);
    if (!had && !may) return;
    const now = may ? readGitOps(text) : [];
    if (JSON.stringify(now) === JSON.stringify(had ?? [])) return;
    if (now.length) this.gitops.set(path, now);
    else this.gitops.delete(path);
    this.stale = true;
  }

  /** A file went (or moved): what discovery read from it goes too. */
  forget(path: string): void {
    if (this.gitops.delete(path) || this.kinfo.delete(path) || this.charts.delete(path)) this.stale = true;
  }

  discover(paths: Iterable<string>, configured: { from: string; units: readonly UnitSpec[] } | undefined): UnitDef[] {
    this.stale = false;
    return discoverUnits({ kustomizations: this.kinfo, gitops: this.gitops, paths, ...(configured ? { configured } : {}) });
  }
}

function isChartFile(path: string): boolean {
  return path === 'Chart.yaml' || path.endsWith('/Chart.yaml');
}
