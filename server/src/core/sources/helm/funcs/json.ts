/**
 * encoding/json as Helm and Sprig call it: Marshal (sorted map keys, HTML-safe escapes unless
 * raw, Go's float format), MarshalIndent, and Unmarshal into interface{} (numbers float64).
 */
import { formatFloat } from '../template/floatfmt';
import { GoComplex, GoError, GoInt, GoNilPtr, GoStruct, isFunc, isMap, fromPlain, type GoValue } from '../template/value';

function quote(s: string, html: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = s.charCodeAt(i);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (code < 0x20) {
      if (c === '\n') out += '\\n';
      else if (c === '\r') out += '\\r';
      else if (c === '\t') out += '\\t';
      else out += '\\u00' + code.toString(16).padStart(2, '0');
    } else if (html && (c === '<' || c === '>' || c === '&')) out += '\\u00' + code.toString(16);
    else if (code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16);
    else out += c;
  }
  return out + '"';
}

/** Go's float64 JSON form. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new GoError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    return formatFloat(f, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  }
  return formatFloat(f, 'f', -1);
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function marshal(v: GoValue, html = true, indent = '', prefix = ''): string {
  const nl = indent ? '\n' : '';
  const enc = (x: GoValue, depth: number): string => {
    if (x === undefined || x === null || x instanceof GoNilPtr) return 'null';
    if (typeof x === 'boolean') return String(x);
    if (typeof x === 'string') return quote(x, html);
    if (typeof x === 'number') return jsonFloat(x);
    if (x instanceof GoInt) return x.v.toString();
    if (x instanceof GoComplex || isFunc(x))
      throw new GoError(`json: unsupported type: ${x instanceof GoComplex ? 'complex128' : 'func()'}`);
    const pad = (d: number): string => (indent ? prefix + indent.repeat(d) : '');
    const sep = indent ? ': ' : ':';
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[' + nl + x.map((e) => pad(depth + 1) + enc(e, depth + 1)).join(',' + nl) + nl + pad(depth) + ']';
    }
    let entries: [string, GoValue][];
    if (x instanceof GoStruct) entries = [...x.fields].filter(([k]) => !x.unexported.has(k));
    else if (isMap(x))
      entries = Object.keys(x)
        .sort(byteCompare)
        .map((k) => [k, x[k]]);
    else return 'null';
    if (entries.length === 0) return '{}';
    return (
      '{' + nl + entries.map(([k, e]) => pad(depth + 1) + quote(k, html) + sep + enc(e, depth + 1)).join(',' + nl) + nl + pad(depth) + '}'
    );
  };
  return enc(v, 0);
}

/** json.Unmarshal into interface{}: Go values with float64 numbers. */
export function unmarshal(text: string): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new GoError(goJsonError(text, e as Error));
  }
  return fromPlain(parsed);
}

function goJsonError(text: string, e: Error): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const m = /position (\d+)/.exec(e.message);
  if (m) {
    const c = text[Number(m[1])];
    if (c !== undefined) return `invalid character '${c}' looking for beginning of value`;
  }
  return 'unexpected end of JSON input';
}
