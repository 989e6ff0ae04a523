/**
 * Go's strconv quoting: Quote (%q), QuoteToASCII (%+q), Unquote for template string and
 * char literals. Go strings are bytes; ours are UTF-16, which matters only for invalid
 * UTF-8, which JS strings cannot hold.
 */

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function isPrint(ch: string): boolean {
  return printable.test(ch);
}

function escapeRune(cp: number, quote: string, ascii: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (ascii ? cp < 0x7f && cp >= 0x20 : isPrint(ch)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

export function goQuote(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"', ascii);
  return out + '"';
}

export function goQuoteRune(cp: number, ascii = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return "'" + escapeRune(cp, "'", ascii) + "'";
}

/** Raw (backquoted) form when possible, as %#q does. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    if (ch === '`' || ch === '\ufeff') return false;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 && ch !== '\t') return false;
    if (cp === 0x7f) return false;
  }
  return true;
}

export class SyntaxError_ extends Error {}

/**
 * strconv.Unquote for "…", `…` and '…' literals. Throws "invalid syntax" like Go.
 * For '…' returns the rune's string.
 */
export function goUnquote(q: string): string {
  const fail = (): never => {
    throw new SyntaxError_('invalid syntax');
  };
  if (q.length < 2) fail();
  const quote = q[0]!;
  if (quote !== q[q.length - 1]) fail();
  const body = q.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) fail();
    return body.replace(/\r/g, '');
  }
  if (quote !== '"' && quote !== "'") fail();
  if (body.includes('\n')) fail();
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length) {
      out += new TextDecoder().decode(new Uint8Array(bytes));
      bytes.length = 0;
    }
  };
  let runes = 0;
  for (let i = 0; i < body.length;) {
    const c = body[i]!;
    if (c === quote && quote === "'") fail();
    if (c === quote) fail();
    if (c !== '\\') {
      flush();
      const cp = body.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      runes++;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    runes++;
    switch (e) {
      case 'a':
        flush();
        out += '\x07';
        continue;
      case 'b':
        flush();
        out += '\b';
        continue;
      case 'f':
        flush();
        out += '\f';
        continue;
      case 'n':
        flush();
        out += '\n';
        continue;
      case 'r':
        flush();
        out += '\r';
        continue;
      case 't':
        flush();
        out += '\t';
        continue;
      case 'v':
        flush();
        out += '\v';
        continue;
      case '\\':
        flush();
        out += '\\';
        continue;
      case "'":
      case '"':
        if (e !== quote) fail();
        flush();
        out += e;
        continue;
      case 'x':
      case 'u':
      case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + n);
        if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) fail();
        i += n;
        const v = parseInt(hex, 16);
        if (e === 'x') {
          if (quote === "'") {
            flush();
            out += String.fromCodePoint(v);
          } else bytes.push(v);
          continue;
        }
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) fail();
        flush();
        out += String.fromCodePoint(v);
        continue;
      }
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        const oct = body.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) fail();
        i += 2;
        const v = parseInt(oct, 8);
        if (v > 255) fail();
        if (quote === "'") {
          flush();
          out += String.fromCodePoint(v);
        } else bytes.push(v);
        continue;
      }
      default:
        fail();
    }
  }
  flush();
  if (quote === "'" && runes !== 1) fail();
  return out;
}
