/**
 * The context of one kustomization's steps (steps.ts and the step modules it calls): where a
 * node sits, and the typed reads of its fields.
 */
import type { Build } from './build';
import { splitPath, type ConfigKey, type FieldSpec } from './fieldspecs';
import type { Origin } from './transformers';
import type { BMap, BNode, Place } from './types';

export interface Frame {
  config: Record<ConfigKey, FieldSpec[]>;
  /** `nameReference` entries of `configurations:` files (kustomize's format, as plain data). */
  nameRefs: unknown[];
}

export interface KCtx {
  b: Build;
  dir: string;
  path: string;
  root: BMap;
}

export function at(k: KCtx, n: BNode | undefined): Place {
  return { path: k.path, span: n?.span ?? [0, 0] };
}

export function origin(k: KCtx, n: BNode | undefined): Origin {
  const p = at(k, n);
  return { ...p, label: k.b.label(k.path, p.span[0]) };
}

/** The entries of a sequence node (none for anything else). */
export function items(n: BNode | undefined): BNode[] {
  return n?.t === 'seq' ? n.items : [];
}

export function toSpec(s: Record<string, unknown>): FieldSpec {
  return {
    ...(s.kind ? { kind: String(s.kind) } : {}),
    ...(s.group ? { group: String(s.group) } : {}),
    ...(s.version ? { version: String(s.version) } : {}),
    path: splitPath(String(s.path ?? '')),
    create: s.create === true,
  };
}

const yaml11Bool = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * A string field of the kustomization. kustomize decodes the file as YAML 1.1 into typed
 * fields: an unquoted `true`, `yes`, `y` or `1` is no string there, and the build fails
 * ("cannot unmarshal bool into Go struct field Kustomization.commonLabels of type string").
 */
export function stringField(k: KCtx, n: BNode | undefined, goField: string): string | undefined {
  if (n?.t !== 'scalar' || n.value === null) return undefined;
  const kind =
    typeof n.value === 'boolean' || (!n.quoted && typeof n.value === 'string' && yaml11Bool.test(n.value))
      ? 'bool'
      : typeof n.value === 'number'
        ? 'number'
        : undefined;
  if (kind)
    k.b.error(
      'kustomization-type',
      `invalid Kustomization: json: cannot unmarshal ${kind} into Go struct field ${goField} of type string (quote the value)`,
      k.path,
      n.span,
    );
  return String(n.value);
}
