/**
 * Sprig's math (numeric.go): integer ops through cast.ToInt64 (int64 results, Go's truncating
 * division, a panic on division by zero), float ops through shopspring/decimal (exact decimal
 * arithmetic of the floats' shortest forms, 16 digits for division), rounding, conversions.
 */
import { GoError, GoInt, goFunc, int64, type GoFunc, type GoValue } from '../template/value';
import { toFloat64, toInt, toInt64 } from './convert';
import { sprint } from '../template/fmt';

const W = (v: bigint): bigint => BigInt.asIntN(64, v);

/** A decimal: value = m × 10^e. */
interface Dec {
  m: bigint;
  e: number;
}

function fromFloat(f: number): Dec {
  if (f === 0 || !Number.isFinite(f)) return { m: 0n, e: 0 };
  const s = f.toExponential();
  const [mant, exp] = s.split('e') as [string, string];
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const frac = (mant.split('.')[1] ?? '').length;
  return { m: (neg ? -1n : 1n) * BigInt(digits), e: Number(exp) - frac };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e];
}

const add = (a: Dec, b: Dec): Dec => {
  const [x, y, e] = align(a, b);
  return { m: x + y, e };
};
const sub = (a: Dec, b: Dec): Dec => add(a, { m: -b.m, e: b.e });
const mul = (a: Dec, b: Dec): Dec => ({ m: a.m * b.m, e: a.e + b.e });

/** decimal.Div: DivisionPrecision 16 digits after the point, rounded half up. */
function div(a: Dec, b: Dec): Dec {
  if (b.m === 0n) throw new GoError('decimal division by 0');
  const prec = 16;
  // a/b = (a.m / b.m) × 10^(a.e-b.e); compute with prec+1 fractional digits then round.
  const shift = prec + 1 + (a.e - b.e);
  let num = a.m;
  let den = b.m;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const neg = q < 0n;
  if (neg) q = -q;
  q = (q + 5n) / 10n;
  return { m: neg ? -q : q, e: -prec };
}

const toNumber = (d: Dec): number => Number(`${d.m}e${d.e}`);

function decimalOp(a: GoValue, rest: GoValue[], f: (x: Dec, y: Dec) => Dec): number {
  let acc = fromFloat(toFloat64(a));
  for (const x of rest) acc = f(acc, fromFloat(toFloat64(x)));
  return toNumber(acc);
}

function goRound(a: GoValue, p: GoInt, ...rOpt: number[]): number {
  const roundOn = rOpt.length ? rOpt[0]! : 0.5;
  const val = toFloat64(a);
  const pow = 10 ** Number(p.v);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

export function numericFuncs(): GoFunc[] {
  const i = (name: string, f: (a: bigint, b: bigint) => bigint): GoFunc =>
    goFunc(name, ['any', 'any'], (a: GoValue, b: GoValue) => int64(W(f(toInt64(a), toInt64(b)))));
  const divInt = (a: bigint, b: bigint): bigint => {
    if (b === 0n) throw new GoError('runtime error: integer divide by zero');
    return a / b;
  };
  const modInt = (a: bigint, b: bigint): bigint => {
    if (b === 0n) throw new GoError('runtime error: integer divide by zero');
    return a % b;
  };
  return [
    goFunc('add1', ['any'], (a: GoValue) => int64(W(toInt64(a) + 1n))),
    goFunc('add', [], (...a: GoValue[]) => int64(W(a.reduce((s: bigint, x) => s + toInt64(x), 0n))), 'any'),
    i('sub', (a, b) => a - b),
    i('div', divInt),
    i('mod', modInt),
    goFunc('mul', ['any'], (a: GoValue, ...v: GoValue[]) => int64(v.reduce((s: bigint, x) => W(s * toInt64(x)), toInt64(a))), 'any'),
    goFunc('add1f', ['any'], (a: GoValue) => decimalOp(a, [1], add)),
    goFunc('addf', [], (...v: GoValue[]) => decimalOp(0, v, add), 'any'),
    goFunc('subf', ['any'], (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, sub), 'any'),
    goFunc('divf', ['any'], (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, div), 'any'),
    goFunc('mulf', ['any'], (a: GoValue, ...v: GoValue[]) => decimalOp(a, v, mul), 'any'),
    goFunc(
      'biggest',
      ['any'],
      (a: GoValue, ...v: GoValue[]) => int64(v.reduce((s: bigint, x) => (toInt64(x) > s ? toInt64(x) : s), toInt64(a))),
      'any',
    ),
    goFunc(
      'max',
      ['any'],
      (a: GoValue, ...v: GoValue[]) => int64(v.reduce((s: bigint, x) => (toInt64(x) > s ? toInt64(x) : s), toInt64(a))),
      'any',
    ),
    goFunc(
      'min',
      ['any'],
      (a: GoValue, ...v: GoValue[]) => int64(v.reduce((s: bigint, x) => (toInt64(x) < s ? toInt64(x) : s), toInt64(a))),
      'any',
    ),
    goFunc('maxf', ['any'], (a: GoValue, ...v: GoValue[]) => v.reduce((s: number, x) => Math.max(s, toFloat64(x)), toFloat64(a)), 'any'),
    goFunc('minf', ['any'], (a: GoValue, ...v: GoValue[]) => v.reduce((s: number, x) => Math.min(s, toFloat64(x)), toFloat64(a)), 'any'),
    goFunc('ceil', ['any'], (a: GoValue) => Math.ceil(toFloat64(a))),
    goFunc('floor', ['any'], (a: GoValue) => Math.floor(toFloat64(a))),
    goFunc('round', ['any', 'int'], goRound, 'float64'),
    goFunc('int64', ['any'], (a: GoValue) => int64(toInt64(a))),
    goFunc('int', ['any'], (a: GoValue) => toInt(a)),
    goFunc('float64', ['any'], (a: GoValue) => toFloat64(a)),
    goFunc('atoi', ['string'], (s: string) => new GoInt('int', /^[+-]?\d+$/.test(s) ? W(BigInt(s)) : 0n)),
    goFunc('toDecimal', ['any'], (v: GoValue) => {
      const s = sprint([v]);
      return int64(/^[+-]?[0-7]+$/.test(s) ? W(BigInt('0o' + s.replace(/^[+-]/, '')) * (s.startsWith('-') ? -1n : 1n)) : 0n);
    }),
  ];
}
