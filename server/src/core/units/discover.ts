/**
 * Apply units: which files are applied together to one cluster. A unit is the build of a
 * kustomization no other kustomization uses (a root), a folder an Argo CD Application or a
 * Flux Kustomization deploys, or a unit the user configured; every other file is in the
 * default unit. Links resolve only inside a unit. Pure: workspace paths in, units out.
 */

/** Where a unit comes from, for `podpath units` and hovers. */
export type UnitOrigin =
  | { kind: 'kustomization'; path: string }
  | { kind: 'argocd' | 'flux'; path: string; name: string; targetNamespace?: string }
  | { kind: 'config'; from: string }
  | { kind: 'helm'; path: string }
  | { kind: 'default' };

/** A kustomization as discovery needs it: its folder and the entries that pull in other files and folders. */
export interface KustomizationInfo {
  /** Its own workspace path (`overlays/prod/kustomization.yaml`). */
  file: string;
  resources: readonly string[];
  components: readonly string[];
  /** `kind: Component`: built only as a part of a kustomization that lists it, never alone. */
  component?: boolean;
}

/** What a GitOps object in the workspace deploys: a folder given as a repository path. */
export interface GitOpsTarget {
  kind: 'argocd' | 'flux';
  /** The object's kind and name, for messages (`Application guestbook`). */
  name: string;
  /** The repository path it deploys (`apps/guestbook`, `./clusters/prod`). */
  path: string;
  /** Whether a plain folder is read with its subfolders (Flux always; Argo CD with `directory.recurse`). */
  recurse: boolean;
  targetNamespace?: string;
}

/** A configured unit (`.podpath.yaml` `units:` or the `podpath.units` setting). */
export interface UnitSpec {
  name: string;
  /** Workspace paths of kustomization folders, folders, files or globs (`apps/*\/prod`). */
  include: readonly string[];
}

export interface UnitDef {
  /** Unique: the root folder's workspace path, a configured name, or `default`. */
  name: string;
  origins: UnitOrigin[];
  /** Workspace paths of the files it holds (a kustomization's closure). */
  files: ReadonlySet<string>;
  /** Folders whose files it holds. */
  folders: readonly { dir: string; recursive: boolean }[];
  globs: readonly RegExp[];
  /**
   * The kustomization folder whose build is the unit's content (the evaluator's objects, not
   * the files as written); undefined for units of plain files.
   */
  build?: string;
}

export const defaultUnitName = 'default';

export interface DiscoveryInput {
  /** Every kustomization by its workspace path. */
  kustomizations: ReadonlyMap<string, KustomizationInfo>;
  /** GitOps objects, by the workspace path of the file holding them. */
  gitops: ReadonlyMap<string, readonly GitOpsTarget[]>;
  /** Configured units: when there are any, they replace discovery. */
  configured?: { from: string; units: readonly UnitSpec[] };
  /** Every indexed file's workspace path (to find the folders a GitOps path names). */
  paths: Iterable<string>;
}

/**
 * The folders of the Helm charts among `paths` (a `Chart.yaml` each), less the subcharts
 * under another chart's folder: `helm install` applies a chart with its subcharts, alone.
 */
export function chartFolders(paths: Iterable<string>): string[] {
  const dirs = [...paths].filter((p) => p === 'Chart.yaml' || p.endsWith('/Chart.yaml')).map(dirOf);
  return dirs.filter((d) => !dirs.some((o) => o !== d && (o === '' || d.startsWith(o + '/')))).sort();
}

/** The units of a workspace, sorted by name; the default unit is not among them. */
export function discoverUnits(input: DiscoveryInput): UnitDef[] {
  const kdirs = new Map<string, KustomizationInfo>();
  for (const k of input.kustomizations.values()) if (!kdirs.has(dirOf(k.file))) kdirs.set(dirOf(k.file), k);
  const units = new Map<string, UnitDef & { origins: UnitOrigin[] }>();
  const add = (name: string, origin: UnitOrigin, make: () => Omit<UnitDef, 'name' | 'origins'>): void => {
    const had = units.get(name);
    if (had) had.origins.push(origin);
    else units.set(name, { name, origins: [origin], ...make() });
  };
  const closureUnit = (dir: string) => () => ({ files: closure(dir, kdirs), folders: [], globs: [], build: dir });

  if (input.configured && input.configured.units.length > 0) {
    for (const spec of input.configured.units) {
      const files = new Set<string>();
      const folders: { dir: string; recursive: boolean }[] = [];
      const globs: RegExp[] = [];
      for (const raw of spec.include) {
        const e = normPath(raw);
        if (/[*?[]/.test(e)) globs.push(globRegExp(e));
        else if (kdirs.has(e)) for (const f of closure(e, kdirs)) files.add(f);
        else if (/\.ya?ml$/i.test(e)) files.add(e);
        else folders.push({ dir: e, recursive: true });
      }
      add(spec.name, { kind: 'config', from: input.configured.from }, () => ({ files, folders, globs }));
    }
    return sorted(units);
  }

  // Roots: kustomizations no other kustomization pulls in.
  const used = new Set<string>();
  for (const [dir, k] of kdirs) for (const e of [...k.resources, ...k.components]) if (isLocal(e)) used.add(joinPath(dir, e));
  for (const [dir, k] of kdirs) {
    if (used.has(dir)) continue;
    // A component no kustomization uses yet: its files together, as written (kustomize builds no component alone).
    const make = k.component ? () => ({ files: closure(dir, kdirs), folders: [], globs: [] }) : closureUnit(dir);
    add(dir === '' ? '.' : dir, { kind: 'kustomization', path: k.file }, make);
  }

  // Each Helm chart: its rendered objects (at its templates' paths), applied by one `helm install`.
  const paths = [...input.paths];
  for (const dir of chartFolders(paths)) {
    add(dir === '' ? '.' : dir, { kind: 'helm', path: joinPath(dir, 'Chart.yaml') }, () => ({
      files: new Set(),
      folders: [{ dir, recursive: true }],
      globs: [],
    }));
  }

  if (input.gitops.size > 0) {
    const folders = folderSet(paths);
    for (const [file, targets] of input.gitops) {
      for (const t of targets) {
        const dir = findFolder(t.path, folders);
        if (dir === undefined) continue;
        const origin: UnitOrigin = {
          kind: t.kind,
          path: file,
          name: t.name,
          ...(t.targetNamespace ? { targetNamespace: t.targetNamespace } : {}),
        };
        if (kdirs.has(dir)) add(dir, origin, closureUnit(dir));
        else add(dir, origin, () => ({ files: new Set(), folders: [{ dir, recursive: t.recurse }], globs: [] }));
      }
    }
  }
  return sorted(units);
}

function sorted(units: Map<string, UnitDef>): UnitDef[] {
  return [...units.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Whether a unit (other than the default) holds the file at a workspace path. */
export function holds(u: UnitDef, path: string): boolean {
  if (u.files.has(path)) return true;
  for (const f of u.folders) {
    if (f.dir === '') {
      if (f.recursive || !path.includes('/')) return true;
    } else if (path.startsWith(f.dir + '/') && (f.recursive || !path.slice(f.dir.length + 1).includes('/'))) return true;
  }
  for (const g of u.globs) if (g.test(path)) return true;
  return false;
}

/**
 * The files a kustomization's build reads: the files it lists under `resources:` and the
 * builds of the folders it lists there and under `components:`, recursively (each once).
 */
export function closure(dir: string, kdirs: ReadonlyMap<string, KustomizationInfo>): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (d: string): void => {
    if (seen.has(d)) return;
    seen.add(d);
    const k = kdirs.get(d);
    if (!k) return;
    files.add(k.file);
    for (const e of [...k.resources, ...k.components]) {
      if (!isLocal(e)) continue;
      const p = joinPath(d, e);
      if (kdirs.has(p)) visit(p);
      else files.add(p);
    }
  };
  visit(dir);
  return files;
}

/** A kustomization entry that names something in the workspace (not a remote base). */
function isLocal(e: string): boolean {
  return (
    !/^[a-z][a-z0-9+.-]*:/i.test(e) && !e.startsWith('/') && !/^(github\.com|gitlab\.com|bitbucket\.org)\//.test(e) && !e.includes('?ref=')
  );
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A path without `.`, empty segments and resolvable `..` (leading `..` stay). */
export function normPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export function joinPath(dir: string, rel: string): string {
  return normPath(dir === '' ? rel : `${dir}/${rel}`);
}

/** Every folder that holds an indexed file, and the folders above them. */
function folderSet(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    for (let d = dirOf(p); !out.has(d); d = dirOf(d)) {
      out.add(d);
      if (d === '') break;
    }
  }
  return out;
}

/**
 * The workspace folder a repository path names: the folder of that path, or the shortest
 * folder ending with it (a workspace opened above the repository). The repository root
 * (`.`) names no single unit.
 */
function findFolder(repoPath: string, folders: ReadonlySet<string>): string | undefined {
  const p = normPath(repoPath);
  if (p === '' || p.startsWith('..') || /[*?{]/.test(p)) return undefined;
  if (folders.has(p)) return p;
  let best: string | undefined;
  for (const f of folders) if (f.endsWith('/' + p) && (best === undefined || f.length < best.length)) best = f;
  return best;
}

/** A glob over workspace paths (`**` any folders, `*` and `?` within one name); a folder's glob takes the files below it. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        re += '(?:.*/)?';
        i++;
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(/.*)?$`);
}
