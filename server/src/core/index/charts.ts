/**
 * Helm charts as a source of the index: every folder with a `Chart.yaml` that is not a
 * subchart (under another chart's `charts/`) is rendered, and each rendered template joins
 * the index as a file of its own (`…/templates/x.yaml#rendered`) that rules read like any
 * other; `provenanceAt` leads its offsets back to the template or values line. A change to a
 * file of a chart marks that chart; `flush` (before every check) renders the marked ones
 * again, and only them. The disk is not the core's: files the index does not hold (helpers
 * `.tpl`, `.Files`, `.tgz` subcharts) come through `reader`, set by the CLI and the server.
 */
import type { ChartFiles } from '../sources/helm/chart';
import { buildChartUnit, isRenderedUri, type ChartBuild, type ChartUnit, type RenderedTemplate } from '../sources/helm/unit';
import type { FolderContext } from '../parse/parseFile';

/** Files of a chart the index does not hold, by path relative to the chart root. */
export type ChartReader = (rootUri: string) => ChartFiles | undefined;

/** What the index lends its chart source. */
export interface ChartHost {
  getFile(uri: string): { text: string; path: string } | undefined;
  /** URIs of the index's (real) files under a folder URI. */
  urisUnder(prefix: string): string[];
  setRendered(uri: string, path: string, text: string): void;
  removeFile(uri: string): void;
  reparse(uri: string): void;
}

/** Release settings of a chart (by root URI), from `.podpath.yaml` or the editor's settings. */
export type ChartSettings = (rootUri: string, rootPath: string) => Omit<ChartUnit, 'rootUri' | 'rootPath'> | undefined;

function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i);
}

/** A chart's own templates (and those of its vendored subcharts), relative to its root. */
const templatePath = /^(charts\/[^/]+\/)*templates\//;

export class ChartSources {
  reader: ChartReader | undefined;
  gunzip: ((b: Uint8Array) => Uint8Array) | undefined;
  settings: ChartSettings | undefined;
  /** Every folder holding a Chart.yaml (URI → display path). */
  private readonly chartDirs = new Map<string, string>();
  /** The rendered roots, by root URI. */
  private readonly builds = new Map<string, ChartBuild>();
  private readonly renderedIn = new Map<string, { build: ChartBuild; rendered: RenderedTemplate }>();
  /** Input file URI → roots that read it (values files may live outside the chart). */
  private readonly readers = new Map<string, Set<string>>();
  private readonly marked = new Set<string>();
  /** URIs whose chart findings changed since the last `takeChanged`. */
  private changedUris = new Set<string>();
  private roots = new Set<string>();
  /** The reader's view of each chart (its listing walks the disk): kept until a file of the chart is removed or settings change. */
  private readonly disk = new Map<string, ChartFiles | undefined>();
  /** The settings each chart was rendered with (JSON), to see them change. */
  private readonly signatures = new Map<string, string>();

  constructor(private readonly host: ChartHost) {}

  get count(): number {
    return this.builds.size;
  }

  /** Whether some chart waits to be rendered (at the next check). */
  get dirty(): boolean {
    return this.marked.size > 0 || this.settingsMoved();
  }

  /** Charts whose settings (`.podpath.yaml` units) are not those they were rendered with are marked; whether any was. */
  private settingsMoved(): boolean {
    let moved = false;
    for (const [root, was] of this.signatures) {
      if (this.roots.has(root) && was !== this.signature(root)) {
        this.marked.add(root);
        moved = true;
      }
    }
    return moved;
  }

  private signature(root: string): string {
    return JSON.stringify(this.settings?.(root, this.chartDirs.get(root) ?? '') ?? null);
  }

  /** A real file was set or removed. */
  changed(uri: string, path: string, present: boolean): void {
    if (isRenderedUri(uri)) return;
    if (/(^|\/)Chart\.yaml$/.test(uri)) {
      const dir = dirOf(uri);
      const had = this.chartDirs.has(dir);
      if (present) this.chartDirs.set(dir, dirOf(path));
      else this.chartDirs.delete(dir);
      if (had !== present) this.recomputeRoots();
    }
    for (const root of this.rootsOf(uri)) {
      this.marked.add(root);
      // A new text changes no listing (the index's texts come first); a file gone may have been listed.
      if (!present) this.disk.delete(root);
    }
  }

  /** Every chart again (settings changed). */
  invalidateAll(): void {
    for (const r of this.roots) this.marked.add(r);
    this.disk.clear();
  }

  private rootsOf(uri: string): Set<string> {
    const out = new Set(this.readers.get(uri));
    for (const root of this.roots) if (uri.startsWith(root + '/')) out.add(root);
    return out;
  }

  private recomputeRoots(): void {
    const next = new Set<string>();
    for (const dir of this.chartDirs.keys()) {
      const sub = [...this.chartDirs.keys()].some(
        (other) => other !== dir && dir.startsWith(other + '/') && /^(charts\/[^/]+\/)+$/.test(dir.slice(other.length + 1) + '/'),
      );
      if (!sub) next.add(dir);
    }
    for (const r of this.roots) if (!next.has(r)) this.dropRoot(r);
    for (const r of next) if (!this.roots.has(r)) this.marked.add(r);
    const before = this.roots;
    this.roots = next;
    // Templates of charts that came or went are parsed again: chart templates are not plain YAML.
    for (const r of [...next].filter((x) => !before.has(x)).concat([...before].filter((x) => !next.has(x)))) {
      for (const u of this.host.urisUnder(r + '/')) if (templatePath.test(u.slice(r.length + 1))) this.host.reparse(u);
    }
  }

  private dropRoot(root: string): void {
    const b = this.builds.get(root);
    if (!b) return;
    this.builds.delete(root);
    this.signatures.delete(root);
    this.disk.delete(root);
    for (const r of b.rendered) {
      this.renderedIn.delete(r.uri);
      this.host.removeFile(r.uri);
    }
    this.unlinkInputs(root, b);
    for (const u of b.inputs) this.changedUris.add(u);
    this.marked.delete(root);
  }

  private unlinkInputs(root: string, b: ChartBuild): void {
    for (const u of b.inputs) {
      const set = this.readers.get(u);
      set?.delete(root);
      if (set?.size === 0) this.readers.delete(u);
    }
  }

  /** What parsing a file needs to know from its chart: a template of a chart is not plain YAML; a rendered template has its release namespace. */
  contextOf(uri: string): (FolderContext & { helmTemplate?: boolean }) | undefined {
    const r = this.renderedIn.get(uri);
    if (r) return { namespace: r.build.unit.namespace, listedAsResource: r.build.unit.namespace !== undefined, listedAsPatch: false };
    if (isRenderedUri(uri)) return undefined;
    for (const root of this.roots) {
      if (uri.startsWith(root + '/') && templatePath.test(uri.slice(root.length + 1)))
        return { namespace: undefined, listedAsResource: false, listedAsPatch: false, helmTemplate: true };
    }
    return undefined;
  }

  /** Whether a URI is a template of a chart (under its `templates/`, or a subchart's). */
  isTemplate(uri: string): boolean {
    return this.contextOf(uri)?.helmTemplate === true;
  }

  /** Render the charts whose files (or settings) changed. */
  flush(): void {
    if (!this.dirty) return;
    const todo = [...this.marked];
    this.marked.clear();
    for (const root of todo) if (this.roots.has(root)) this.render(root);
  }

  private render(root: string): void {
    const path = this.chartDirs.get(root) ?? '';
    const unit: ChartUnit = { rootUri: root, rootPath: path, ...this.settings?.(root, path) };
    this.signatures.set(root, this.signature(root));
    const build = buildChartUnit(unit, this.view(root), (u) => this.host.getFile(u)?.text, { gunzip: this.gunzip });
    const old = this.builds.get(root);
    if (old) {
      this.unlinkInputs(root, old);
      for (const u of old.inputs) this.changedUris.add(u);
    }
    this.builds.set(root, build);
    for (const u of build.inputs) {
      let set = this.readers.get(u);
      if (!set) this.readers.set(u, (set = new Set()));
      set.add(root);
      this.changedUris.add(u);
    }
    const keep = new Set(build.rendered.map((r) => r.uri));
    for (const r of old?.rendered ?? []) {
      if (keep.has(r.uri)) continue;
      this.renderedIn.delete(r.uri);
      this.host.removeFile(r.uri);
    }
    // The same text parses to other objects when the release namespace changed.
    const moved = old !== undefined && old.unit.namespace !== build.unit.namespace;
    for (const r of build.rendered) {
      this.renderedIn.set(r.uri, { build, rendered: r });
      this.host.setRendered(r.uri, r.path, r.text);
      if (moved) this.host.reparse(r.uri);
    }
  }

  /** The chart's files: what the index holds (open editors' texts), then the reader's. */
  private view(root: string): ChartFiles {
    const prefix = root + '/';
    const indexed = new Map<string, string>();
    for (const u of this.host.urisUnder(prefix)) if (!isRenderedUri(u)) indexed.set(decodeURIComponent(u.slice(prefix.length)), u);
    if (!this.disk.has(root)) this.disk.set(root, this.reader?.(root));
    const disk = this.disk.get(root);
    const names = new Set([...(disk?.list() ?? []), ...indexed.keys()]);
    return {
      list: () => [...names],
      read: (p) => {
        const u = indexed.get(p);
        return u !== undefined ? this.host.getFile(u)?.text : disk?.read(p);
      },
      readBytes: disk?.readBytes ? (p) => disk.readBytes!(p) : undefined,
    };
  }

  /** URIs whose chart findings may have changed since the last call (rendered URIs stand for their chart's inputs). */
  takeChanged(changed: Set<string>): Set<string> {
    for (const u of changed) {
      const r = this.renderedIn.get(u);
      if (r) for (const i of r.build.inputs) this.changedUris.add(i);
    }
    const out = new Set([...changed].filter((u) => !isRenderedUri(u)));
    for (const u of this.changedUris) out.add(u);
    this.changedUris = new Set();
    return out;
  }

  /** The rendered template behind a rendered URI. */
  renderedOf(uri: string): { build: ChartBuild; rendered: RenderedTemplate } | undefined {
    return this.renderedIn.get(uri);
  }

  /** The charts that read a file (template, values file, Chart.yaml). */
  buildsReading(uri: string): ChartBuild[] {
    return [...(this.readers.get(uri) ?? [])].map((r) => this.builds.get(r)).filter((b): b is ChartBuild => b !== undefined);
  }

  allBuilds(): IterableIterator<ChartBuild> {
    return this.builds.values();
  }

  /**
   * The chart's `ci/*-values.yaml` files the index holds (chart-testing installs the chart
   * once with each), by URI and display path, sorted.
   */
  variantsOf(root: string): { uri: string; path: string }[] {
    const prefix = root + '/ci/';
    return this.host
      .urisUnder(prefix)
      .filter((u) => !isRenderedUri(u) && /^[^/]+-values\.yaml$/.test(u.slice(prefix.length)))
      .sort()
      .map((uri) => ({ uri, path: this.host.getFile(uri)?.path ?? uri }));
  }
}
