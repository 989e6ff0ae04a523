/**
 * The parser of Go's text/template (parse/parse.go): the same grammar, the same variable
 * scoping checks, `define`/`block` adding trees to the set, and the same error texts
 * ("template: NAME:LINE: …"). Errors throw a ParseError carrying the offset. The cursor over
 * the lexed items and the error texts it shares with the grammar are in cursor.ts.
 */
import { ItemCursor, type Stream } from './cursor';
import type { Item, ItemType } from './items';
import { lex } from './lex';
import type { BranchNode, CommandNode, ListNode, Node, PipeNode, TemplateNode, VariableNode } from './nodes';
import { isEmptyTree, nodeText, ParseError, type Tree } from './nodes';
export { ParseError, type Tree };
import { newNumber } from './numbers';
import { goUnquote } from './quote';

export interface ParseOptions {
  /** Names of the functions the templates may call; null skips the check (SkipFuncCheck). */
  funcs: ReadonlySet<string> | null;
  left?: string;
  right?: string;
}

/** Parses `text` as template `name`, adding it and its definitions to `trees`. */
export function parseTemplate(name: string, text: string, trees: Map<string, Tree>, opts: ParseOptions): void {
  const has = (f: string): boolean => !opts.funcs || opts.funcs.has(f);
  const items = lex(text, {
    left: opts.left,
    right: opts.right,
    breakOK: !(opts.funcs?.has('break') ?? false),
    continueOK: !(opts.funcs?.has('continue') ?? false),
  });
  const p = new Parser(name, name, text, { items, i: 0 }, trees, has);
  p.parse();
}

class Parser extends ItemCursor {
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    private name: string,
    parseName: string,
    private readonly text: string,
    s: Stream,
    private readonly trees: Map<string, Tree>,
    private readonly hasFunction: (f: string) => boolean,
  ) {
    super(parseName, s);
  }

  private add(root: ListNode): void {
    const tree = this.trees.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.trees.set(this.name, { name: this.name, parseName: this.parseName, root, text: this.text });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template "${this.name}"`);
  }

  parse(): void {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'EOF') {
      if (this.peek().typ === 'left delim') {
        const mark = this.s.i;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          const sub = new Parser('definition', this.parseName, this.text, this.s, this.trees, this.hasFunction);
          sub.parseDefinition();
          continue;
        }
        this.s.i = mark;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${n.type === 'end' ? '{{end}}' : '{{else}}'}`);
      root.nodes.push(n);
    }
    this.add(root);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.typ !== 'string' && t.typ !== 'raw string') this.unexpected(t, context);
    this.name = this.unquote(t.val);
    this.expect('right delim', context);
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${end.type === 'else' ? '{{else}}' : end.type} in ${context}`);
    this.add(list);
  }

  private unquote(q: string): string {
    try {
      return goUnquote(q);
    } catch (e) {
      return this.errorf((e as Error).message);
    }
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'EOF') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF', this.peek());
  }

  private textOrAction(): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'text':
        return { type: 'text', pos: t.pos, text: t.val };
      case 'left delim': {
        this.actionLine = t.line;
        try {
          const n = this.action(t.pos);
          return n;
        } finally {
          this.actionLine = 0;
        }
      }
      case 'comment':
        return { type: 'comment', pos: t.pos, text: t.val };
      default:
        return this.unexpected(t, 'input');
    }
  }

  private action(start: number): Node {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'block':
        return this.blockControl(start);
      case 'break':
        return this.loopControl(t, 'break');
      case 'continue':
        return this.loopControl(t, 'continue');
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('right delim', 'end').pos };
      case 'if':
        return this.branch('if', start);
      case 'range':
        return this.branch('range', start);
      case 'template':
        return this.templateControl(start);
      case 'with':
        return this.branch('with', start);
    }
    this.backup();
    const tok = this.peek();
    const pipe = this.pipeline('command', 'right delim');
    return { type: 'action', pos: tok.pos, line: tok.line, start, end: this.endOfLast(), pipe };
  }

  private loopControl(t: Item, kind: 'break' | 'continue'): Node {
    const tok = this.nextNonSpace();
    if (tok.typ !== 'right delim') this.unexpected(tok, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: t.pos, line: t.line };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const tok = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: tok.pos, line: tok.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.nextNonSpace();
      const afterVar = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === '=' || next.typ === ':=') {
        pipe.isAssign = next.typ === '=';
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const pk = this.peekNonSpace().typ;
          if (pk === 'variable' || pk === 'right delim' || pk === ')') continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (afterVar.typ === 'space') {
        // back up to the variable: it is the start of a command
        this.s.i = this.indexOf(v);
      } else {
        this.s.i = this.indexOf(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.typ) {
        case 'bool':
        case 'charconst':
        case 'complex':
        case '.':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'raw string':
        case 'string':
        case 'variable':
        case '(':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private parseControl(allowElseIf: boolean, context: string): [PipeNode, ListNode, ListNode | null] {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'right delim');
      if (context === 'range') this.rangeDepth++;
      // eslint-disable-next-line prefer-const -- `next` is reassigned below, `list` is not
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if (allowElseIf && this.peek().typ === 'if') {
          const ifTok = this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [] };
          elseList.nodes.push(this.branch('if', ifTok.pos));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${next.type === 'else' ? '{{else}}' : next.type}`);
        }
      }
      return [pipe, list, elseList];
    } finally {
      this.vars.length = nvars;
    }
  }

  private branch(kind: 'if' | 'range' | 'with', start: number): BranchNode {
    const [pipe, list, elseList] = this.parseControl(kind === 'if', kind);
    return { type: kind, pos: pipe.pos, line: pipe.line, start, end: this.endOfLast(), pipe, list, elseList };
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if') return { type: 'else', pos: peek.pos, line: peek.line };
    const t = this.expect('right delim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private templateName(t: Item, context: string): string {
    if (t.typ === 'string' || t.typ === 'raw string') return this.unquote(t.val);
    return this.unexpected(t, context);
  }

  private blockControl(start: number): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'right delim');
    const block = new Parser(name, this.parseName, this.text, this.s, this.trees, this.hasFunction);
    const [list, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${end.type === 'else' ? '{{else}}' : end.type} in ${context}`);
    block.add(list);
    return { type: 'template', pos: t.pos, line: t.line, start, end: block.endOfLast(), name, pipe };
  }

  private templateControl(start: number): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'right delim') {
      this.backup();
      pipe = this.pipeline(context, 'right delim');
    }
    return { type: 'template', pos: t.pos, line: t.line, start, end: this.endOfLast(), name, pipe };
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.typ === 'space') continue;
      if (t.typ === 'right delim' || t.typ === ')') this.backup();
      else if (t.typ !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${JSON.stringify(nodeText(node))}`);
          break;
        default:
          node = { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): Node | null {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!this.hasFunction(t.val)) this.errorf(`function "${t.val}" not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case '.':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable':
        return this.useVar(t.pos, t.val);
      case 'field':
        return { type: 'field', pos: t.pos, ident: t.val.slice(1).split('.') };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charconst':
      case 'complex':
      case 'number':
        try {
          return newNumber(t.pos, t.val, t.typ);
        } catch (e) {
          return this.errorf((e as Error).message);
        }
      case '(':
        return this.pipeline('parenthesized pipeline', ')');
      case 'string':
      case 'raw string':
        return { type: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t.val) };
    }
    this.backup();
    return null;
  }

  private newVariable(pos: number, name: string): VariableNode {
    return { type: 'variable', pos, ident: name.split('.') };
  }

  private useVar(pos: number, name: string): Node {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable "${v.ident[0]}"`);
    return v;
  }
}
