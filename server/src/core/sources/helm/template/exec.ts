/**
 * The executor of Go's text/template (exec.go): walks a parse tree against Go-typed data
 * (if/with/range/template, variables, break/continue, the interface{} unwrapping after each
 * command, printing) with Go's error texts; commands, fields, calls and arguments are evaluated
 * in eval.ts. Every piece of output is recorded with the template span that produced it
 * (`Chunk`), the basis of provenance.
 */
import { errorContext } from './args';
import { builtinFuncs } from './builtins';
import { BREAK, CONTINUE, MISSING, evalCommand, type Evaluator, type Final } from './eval';
import { ExecError, LimitError, Output, defaultLimits, type Chunk, type Limits, type MissingKey } from './output';
import { formatValue } from './fmt';
import { nodeString, type ActionNode, type BranchNode, type ListNode, type Node, type PipeNode, type TemplateNode } from './nodes';
import { parseTemplate, type Tree } from './parse';
import { GoInt, GoNilPtr, GoStruct, isFunc, isMap, sortedKeys, truth, typeName, type GoFunc, type GoValue } from './value';

export class TemplateSet {
  readonly trees = new Map<string, Tree>();
  readonly funcs: Map<string, GoFunc>;
  missingKey: MissingKey = 'default';
  limits: Limits = defaultLimits;
  left?: string;
  right?: string;

  constructor(funcs?: Map<string, GoFunc>) {
    this.funcs = builtinFuncs();
    if (funcs) for (const [k, v] of funcs) this.funcs.set(k, v);
  }

  parse(name: string, text: string): void {
    parseTemplate(name, text, this.trees, { funcs: new Set(this.funcs.keys()), left: this.left, right: this.right });
  }

  /** Runs template `name` with `data`; output and, when asked, its chunks. */
  execute(name: string, data: GoValue, track = false, ctx?: ExecContext): { text: string; chunks: Chunk[] | null } {
    const tree = this.trees.get(name);
    if (!tree) throw new ExecError(`template: no template "${name}" associated with template "${name}"`, name, 0);
    const out = new Output(track);
    const st = new State(this, tree, out, ctx ?? { ops: 0 });
    st.vars = [{ name: '$', value: data }];
    st.walk(data, tree.root);
    return { text: out.text(), chunks: out.chunks };
  }
}

/** Shared across nested executions (include, tpl): the operation budget. */
export interface ExecContext {
  ops: number;
}

interface Variable {
  name: string;
  value: GoValue;
}

class State implements Evaluator {
  vars: Variable[] = [];
  node: Node | null = null;
  depth = 0;
  lastMap: object | null = null;
  lastKey = '';
  lastValue: GoValue = undefined;

  constructor(
    readonly set: TemplateSet,
    public tree: Tree,
    readonly out: Output,
    readonly ctx: ExecContext,
  ) {}

  at(n: Node): void {
    this.node = n;
  }

  errorf(msg: string, cause?: unknown): never {
    const name = this.tree.name;
    const n = this.node;
    if (!n) throw new ExecError(`template: ${name}: ${msg}`, this.tree.parseName, 0, cause);
    throw new ExecError(
      `template: ${errorContext(this.tree.parseName, this.tree.text, n.pos)}: executing "${name}" at <${nodeString(n)}>: ${msg}`,
      this.tree.parseName,
      n.pos,
      cause,
    );
  }

  tick(): void {
    if (++this.ctx.ops > this.set.limits.maxOps)
      throw new LimitError(
        `template: ${this.tree.name}: operation limit of ${this.set.limits.maxOps} reached`,
        this.tree.parseName,
        this.node?.pos ?? 0,
      );
  }

  private write(s: string, src: [number, number], kind: 'text' | 'action', from?: { map: object; key: string }): void {
    if (s === '') return;
    const o = this.out;
    if (o.len + s.length > this.set.limits.maxOutput) {
      throw new LimitError(
        `template: ${this.tree.name}: output larger than ${this.set.limits.maxOutput} characters`,
        this.tree.parseName,
        src[0],
      );
    }
    o.parts.push(s);
    if (o.chunks)
      o.chunks.push({ start: o.len, end: o.len + s.length, template: this.tree.parseName, src, kind, ...(from ? { from } : {}) });
    o.len += s.length;
  }

  private mark(): number {
    return this.vars.length;
  }
  private pop(m: number): void {
    this.vars.length = m;
  }
  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: GoValue): void {
    this.vars[this.vars.length - n]!.value = value;
  }
  varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: GoValue, node: Node): void {
    this.at(node);
    this.tick();
    switch (node.type) {
      case 'action': {
        this.lastMap = null;
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node, dot);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text, [node.pos, node.pos + node.text.length], 'text');
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkIfOrWith(node: BranchNode, dot: GoValue): void {
    const m = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (truth(val === null ? undefined : val)) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(m);
    }
  }

  private walkRange(dot: GoValue, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      let val = this.evalPipeline(dot, r.pipe);
      if (val === null) val = undefined;
      const mark = this.mark();
      const one = (index: GoValue, elem: GoValue): boolean => {
        if (r.pipe.decl.length > 0) this.setTopVar(1, elem);
        if (r.pipe.decl.length > 1) this.setTopVar(2, index);
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      if (Array.isArray(val)) {
        if (val.length > 0) {
          for (let i = 0; i < val.length; i++) if (!one(new GoInt('int', BigInt(i)), val[i])) break;
          return;
        }
      } else if (isMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          for (const k of keys) if (!one(k, val[k])) break;
          return;
        }
      } else if (val instanceof GoInt) {
        if (r.pipe.decl.length > 1) this.errorf(`can't use ${val.v} to iterate over more than one variable`);
        if (val.v > 0n) {
          for (let i = 0n; i < val.v; i++) if (!one(new GoInt(val.kind, i), new GoInt(val.kind, i))) break;
          return;
        }
      } else if (val !== undefined && !(val instanceof GoNilPtr)) {
        this.errorf(`range can't iterate over ${formatValue(val, 'v', {} as never, 0)}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.at(t);
    const tree = this.set.trees.get(t.name);
    if (!tree) this.errorf(`template "${t.name}" not defined`);
    if (this.depth >= this.set.limits.maxDepth) {
      throw new LimitError(
        `template: ${this.tree.name}: exceeded maximum template depth (${this.set.limits.maxDepth})`,
        this.tree.parseName,
        t.pos,
      );
    }
    const newDot = this.evalPipeline(dot, t.pipe);
    const st = new State(this.set, tree, this.out, this.ctx);
    st.depth = this.depth + 1;
    st.vars = [{ name: '$', value: newDot }];
    st.walk(newDot, tree.root);
  }

  evalPipeline(dot: GoValue, pipe: PipeNode | null): GoValue {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = evalCommand(this, dot, cmd, value);
      if (value === null) value = undefined; // interface{} dug out: a nil interface is no value
    }
    const v = value as GoValue;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, v);
      else this.vars.push({ name: variable.ident[0]!, value: v });
    }
    return v;
  }

  private printValue(n: ActionNode, v: GoValue): void {
    this.at(n);
    let s: string;
    if (v === undefined) s = '<no value>';
    else if (isFunc(v)) return this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    else if (v instanceof GoStruct && v.ptr)
      s = formatValue(new GoStruct(v.type, v.fields, v.methods, false, v.unexported), 'v', {} as never, 0);
    else s = formatValue(v, 'v', {} as never, 0);
    const from =
      this.out.chunks && this.lastMap && this.lastValue === v && v !== undefined && typeof v !== 'object'
        ? { map: this.lastMap, key: this.lastKey }
        : undefined;
    this.write(s, [n.start, n.end], 'action', from);
  }
}

export { ExecError, LimitError, Output, defaultLimits };
export type { ListNode, Chunk, Limits, MissingKey };
