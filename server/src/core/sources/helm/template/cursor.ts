/** The parser's cursor over the lexed items (parse.go's next/backup/peek), with Go's parse error texts. */
import { itemString, type Item, type ItemType } from './items';
import { ParseError } from './nodes';

/** The items of one template text, shared by the parsers of its definitions, and the next one to read. */
export interface Stream {
  items: Item[];
  i: number;
}

export class ItemCursor {
  /** The line of the action being parsed (0 outside actions), for "in action started at". */
  protected actionLine = 0;
  private lastTok: Item | null = null;

  constructor(
    protected readonly parseName: string,
    protected readonly s: Stream,
  ) {}

  protected errorf(msg: string, tok?: Item): never {
    const t = tok ?? this.s.items[Math.max(0, this.s.i - 1)] ?? this.s.items[0];
    throw new ParseError(`template: ${this.parseName}:${t?.line ?? 1}: ${msg}`, this.parseName, t?.line ?? 1, t?.pos ?? 0);
  }

  protected next(): Item {
    const t = this.s.items[this.s.i] ?? this.s.items[this.s.items.length - 1]!;
    if (this.s.i < this.s.items.length) this.s.i++;
    this.lastTok = t;
    return t;
  }
  protected backup(n = 1): void {
    this.s.i -= n;
  }
  protected peek(): Item {
    return this.s.items[this.s.i] ?? this.s.items[this.s.items.length - 1]!;
  }
  protected nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === 'space');
    return t;
  }
  protected peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  protected expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }
  protected unexpected(t: Item, context: string): never {
    if (t.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(t)}${extra}`, t);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`, t);
  }

  /** End offset of the last right delimiter consumed. */
  protected endOfLast(): number {
    const t = this.lastTok;
    return t ? t.pos + t.val.length : 0;
  }

  protected indexOf(t: Item): number {
    return this.s.items.indexOf(t);
  }
}
