/**
 * Loads the fixtures converted from Go's own text/template tests (test/helm/tools/gotemplate)
 * and decides which are convertible: a case is run unless it needs what only Go code can
 * give — a method or Stringer of the test's Go types, a func-valued field, a channel, a
 * pointer to a scalar, a map with non-string keys — or one of the test functions built on
 * those (count, stringer, vfunc, call).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatValue, sprintln } from '../../server/src/core/sources/helm/template/fmt';
import {
  GO_TYPE,
  GoError,
  type IntKind,
  GoInt,
  GoNilPtr,
  GoStruct,
  goFunc,
  int,
  tagged,
  typeName,
  type GoFunc,
  type GoValue,
} from '../../server/src/core/sources/helm/template/value';

const dir = join(__dirname, 'fixtures', 'gotemplate');

export interface ExecCase {
  suite: string;
  name: string;
  input: string;
  output: string;
  ok: boolean;
  data: number;
  needs: string[];
  defs?: string[];
}

export function loadExec(): { datasets: unknown[]; cases: ExecCase[] } {
  return JSON.parse(readFileSync(join(dir, 'exec.json'), 'utf8'));
}
export function loadParse(): { suite: string; name: string; input: string; ok: boolean; result: string }[] {
  return JSON.parse(readFileSync(join(dir, 'parse.json'), 'utf8'));
}
export function loadLex(): { name: string; input: string; left?: string; right?: string; items: [string, string, number?, number?][] }[] {
  return JSON.parse(readFileSync(join(dir, 'lex.json'), 'utf8'));
}

/** Why a case cannot run without Go code, or null when it is convertible. */
export function unconvertible(c: ExecCase): string | null {
  const text = [c.input, ...(c.defs ?? [])].join('\n');
  for (const n of c.needs) {
    if (n === '') return 'data of a Go-only type';
    if (new RegExp(`\\${n}(?![\\p{L}\\p{N}_])`, 'u').test(text)) return `needs ${n}`;
  }
  const fn = /\b(count|stringer|vfunc|call)\b/.exec(text.replace(/"[^"]*"|`[^`]*`/g, ''));
  if (fn) return `needs Go func ${fn[1]}`;
  return null;
}

/** Decodes the typed JSON of the exporter into Go values. */
export function decode(v: unknown, top = false): GoValue {
  if (v === null) return top ? undefined : null;
  if (typeof v !== 'object') return v as GoValue;
  if (Array.isArray(v)) return v.map((x) => decode(x));
  const o = v as Record<string, any>;
  switch (o['$']) {
    case 'float64':
      return Number(o.v);
    case 'unsupported':
      return new GoNilPtr(`unsupported ${o.type}`);
    case 'nilptr':
      return new GoNilPtr(o.type);
    case 'struct': {
      const fields = new Map<string, GoValue>();
      const unexported = new Set<string>();
      for (const f of o.fields) {
        fields.set(f.name, decode(f.v));
        if (!f.exported) unexported.add(f.name);
      }
      return new GoStruct(o.type, fields, {}, !!o.ptr, unexported);
    }
    case 'slice': {
      const arr = (o.v as unknown[]).map((x) => decode(x));
      return o.type === '[]interface {}' ? arr : tagged(arr, o.type);
    }
    case 'map': {
      const m: Record<string, GoValue> = {};
      for (const [k, x] of Object.entries(o.v as Record<string, unknown>)) m[k] = decode(x);
      return o.type === 'map[string]interface {}' ? m : tagged(m, o.type, decode(o.elem));
    }
  }
  if (typeof o['$'] === 'string') return new GoInt(o['$'] as IntKind, BigInt(o.v));
  throw new Error(`cannot decode ${JSON.stringify(v).slice(0, 80)}`);
}

/** The test functions of exec_test.go that are plain functions of plain values. */
export function testFuncs(): Map<string, GoFunc> {
  const m = new Map<string, GoFunc>();
  const add = (f: GoFunc): void => void m.set(f.name, f);
  add(goFunc('add', [], (...a: GoInt[]) => int(a.reduce((s, x) => s + x.v, 0n)), 'int'));
  add(goFunc('dddArg', ['int'], (a: GoInt, ...b: string[]) => sprintln([a, tagged(b, '[]string')]), 'string'));
  add(
    goFunc('die', [], () => {
      throw new GoError('die');
    }),
  );
  add(goFunc('echo', ['any'], (a: GoValue) => a));
  add(
    goFunc(
      'makemap',
      [],
      (...a: string[]) => {
        if (a.length % 2) throw new GoError('bad makemap');
        const out: Record<string, GoValue> = {};
        for (let i = 0; i < a.length; i += 2) out[a[i]!] = a[i + 1]!;
        return tagged(out, 'map[string]string', '');
      },
      'string',
    ),
  );
  add(goFunc('mapOfThree', [], () => tagged({ three: int(3) }, 'map[string]int', int(0))));
  add(goFunc('oneArg', ['string'], (a: string) => 'oneArg=' + a));
  add(goFunc('twoArgs', ['string', 'string'], (a: string, b: string) => 'twoArgs=' + a + b));
  add(goFunc('returnInt', [], () => int(7)));
  add(goFunc('typeOf', ['any'], (a: GoValue) => formatValue(a, 'T', {} as never, 0)));
  add(goFunc('valueString', ['string'], () => 'value is ignored'));
  add(goFunc('zeroArgs', [], () => 'zeroArgs'));
  for (const name of ['count', 'stringer', 'vfunc'])
    add(
      goFunc(name, [], () => {
        throw new Error(`${name} needs Go`);
      }),
    );
  return m;
}

export { GO_TYPE, typeName };
