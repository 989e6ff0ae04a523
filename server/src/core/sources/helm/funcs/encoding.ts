/**
 * Hashes and encodings in pure TypeScript (the core may not use node:crypto): SHA-256, SHA-1,
 * Adler-32, base64 and base32 as Go's encoding packages write them, and Go's path functions.
 */
import { GoError, goFunc, type GoFunc } from '../template/value';

const enc = new TextEncoder();
const dec = new TextDecoder();

const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Message padded to 64-byte blocks with its bit length, big-endian. */
function pad(bytes: Uint8Array): DataView {
  const len = bytes.length;
  const total = Math.ceil((len + 9) / 64) * 64;
  const buf = new Uint8Array(total);
  buf.set(bytes);
  buf[len] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(total - 8, Math.floor((len * 8) / 2 ** 32));
  view.setUint32(total - 4, (len * 8) >>> 0);
  return view;
}

const hex = (words: ArrayLike<number>): string => Array.from(words, (w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

export function sha256(s: string): string {
  const view = pad(enc.encode(s));
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < view.byteLength; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25);
      const ch = (e! & f!) ^ (~e! & g!);
      const t1 = (hh! + S1 + ch + K256[i]! + w[i]!) >>> 0;
      const S0 = rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22);
      const maj = (a! & b!) ^ (a! & c!) ^ (b! & c!);
      const t2 = (S0 + maj) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d! + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] = (h[i]! + x!) >>> 0));
  }
  return hex(h);
}

export function sha1(s: string): string {
  const view = pad(enc.encode(s));
  const h = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < view.byteLength; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = h as unknown as number[];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b! & c!) | (~b! & d!), 0x5a827999]
          : i < 40
            ? [b! ^ c! ^ d!, 0x6ed9eba1]
            : i < 60
              ? [(b! & c!) | (b! & d!) | (c! & d!), 0x8f1bbcdc]
              : [b! ^ c! ^ d!, 0xca62c1d6];
      const t = (rotl(a!, 5) + f + e! + k + w[i]!) >>> 0;
      [e, d, c, b, a] = [d, c, rotl(b!, 30) >>> 0, a, t];
    }
    [a, b, c, d, e].forEach((x, i) => (h[i] = (h[i]! + x!) >>> 0));
  }
  return hex(h);
}

export function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of enc.encode(s)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function b64encBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      B64[(n >> 18) & 63]! +
      B64[(n >> 12) & 63]! +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') +
      (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

export const b64enc = (s: string): string => b64encBytes(enc.encode(s));

/** Go's StdEncoding.DecodeString; Sprig returns the error text as the result. */
export function b64dec(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return 'illegal base64 data at input byte ' + firstBad(clean);
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const q = [...clean.slice(i, i + 4)].map((c) => (c === '=' ? -1 : B64.indexOf(c)));
    const n = (q[0]! << 18) | (q[1]! << 12) | (Math.max(q[2]!, 0) << 6) | Math.max(q[3]!, 0);
    bytes.push((n >> 16) & 255);
    if (q[2]! >= 0) bytes.push((n >> 8) & 255);
    if (q[3]! >= 0) bytes.push(n & 255);
  }
  return dec.decode(new Uint8Array(bytes));
}

function firstBad(s: string): number {
  for (let i = 0; i < s.length; i++) if (!B64.includes(s[i]!) && s[i] !== '=') return i;
  return Math.floor(s.length / 4) * 4;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function b32enc(s: string): string {
  const bytes = enc.encode(s);
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

export function b32dec(s: string): string {
  const clean = s.replace(/=+$/, '');
  if (!/^[A-Z2-7]*$/.test(clean)) return 'illegal base32 data at input byte ' + [...clean].findIndex((c) => !B32.includes(c));
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    value = (value << 5) | B32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return dec.decode(new Uint8Array(bytes));
}

/** path.Clean. */
export function pathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

export function pathBase(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

export function pathDir(p: string): string {
  const i = p.lastIndexOf('/');
  return pathClean(p.slice(0, i + 1));
}

export function pathExt(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

export function encodingFuncs(): GoFunc[] {
  const s1 = (name: string, f: (s: string) => string | number | boolean): GoFunc => goFunc(name, ['string'], f);
  return [
    s1('sha256sum', sha256),
    s1('sha1sum', sha1),
    s1('adler32sum', (s) => String(adler32(s))),
    s1('b64enc', b64enc),
    s1('b64dec', b64dec),
    s1('b32enc', b32enc),
    s1('b32dec', b32dec),
    s1('base', pathBase),
    s1('dir', pathDir),
    s1('clean', pathClean),
    s1('ext', pathExt),
    s1('isAbs', (p) => p.startsWith('/')),
    s1('osBase', pathBase),
    s1('osDir', pathDir),
    s1('osClean', pathClean),
    s1('osExt', pathExt),
    s1('osIsAbs', (p) => p.startsWith('/')),
    goFunc('fail', ['string'], (msg: string) => {
      throw new GoError(msg);
    }),
  ];
}
