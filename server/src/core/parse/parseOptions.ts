/** What parsing a file takes besides its text: options, the folder's kustomization context, the index's ids and keys. */

export interface ParseOptions {
  defaultNamespace: string;
  clusterDomain: string;
  /** Files larger than this many bytes (UTF-16 units) are skipped with a finding. */
  maxFileSize: number;
}

export const defaultParseOptions: ParseOptions = {
  defaultNamespace: 'default',
  clusterDomain: 'cluster.local',
  maxFileSize: 5 * 1024 * 1024,
};

/** What a kustomization says about one file of its folder. */
export interface FolderContext {
  /** The kustomization's `namespace:`, applied when the file is listed under `resources:`. */
  namespace: string | undefined;
  listedAsResource: boolean;
  listedAsPatch: boolean;
  /** A template of a Helm chart: rendered by the chart source (index/charts.ts), never read as plain YAML. */
  helmTemplate?: boolean;
}

/** What parsing takes from its index: resource ids unique in it, and one copy of each map key. */
export interface ParseContext {
  nextId(): number;
  /** The index's copy of a map key: a few hundred keys make up nearly every manifest, so each is kept once. */
  key(k: string): string;
}

/**
 * A ParseContext `key` that keeps the first copy of up to `limit` distinct keys. Only short
 * ones: V8 copies a slice shorter than 13 characters, while a longer one is a view of the
 * file's text, which a shared copy would keep alive after its file has gone.
 */
export function keyTable(limit = 10_000): (k: string) => string {
  const keys = new Map<string, string>();
  return (k) => {
    if (k.length >= 13) return k;
    const had = keys.get(k);
    if (had !== undefined) return had;
    if (keys.size < limit) keys.set(k, k);
    return k;
  };
}

export function isKustomizationPath(path: string): boolean {
  return /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(path);
}
