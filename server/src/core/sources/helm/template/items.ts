/**
 * The items of Go's text/template lexer (parse/lex.go): their types, the keywords, the character
 * classes of the lexer, and the forms the parser's error messages show.
 */

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charconst'
  | 'comment'
  | 'complex'
  | ':='
  | '='
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'left delim'
  | '('
  | 'number'
  | 'pipe'
  | 'raw string'
  | 'right delim'
  | ')'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | '.'
  | 'block'
  | 'break'
  | 'continue'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

export const keywords: Record<string, ItemType> = Object.assign(Object.create(null) as Record<string, ItemType>, {
  '.': '.',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
});

export const spaceChars = ' \t\r\n';
export const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const letterOrDigit = /[\p{L}\p{Nd}_]/u;
export const isAlphaNumeric = (c: string): boolean => {
  if (c === '') return false;
  const k = c.charCodeAt(0);
  if (k < 128) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95;
  return letterOrDigit.test(c);
};

/** How many line feeds `s` holds. */
export function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Go's %#U of a rune: U+0029 ')'. */
export function goRune(r: string): string {
  if (r === '') return 'U+FFFFFFFF';
  const cp = r.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

/** Go's item String(): the form the parser's error messages show. */
export function itemString(i: Item): string {
  switch (i.typ) {
    case 'EOF':
      return 'EOF';
    case 'error':
      return i.val;
  }
  if (Object.values(keywords).includes(i.typ)) return `<${i.val}>`;
  const runes = [...i.val];
  if (runes.length > 10) return JSON.stringify(runes.slice(0, 10).join('')) + '...';
  return JSON.stringify(i.val);
}
