/**
 * The executor of Go's text/template (exec.go): walks a parse tree against Go-typed data,
 * with Go's evaluation rules (fields vs methods vs map keys, argument type checks, ideal
 * constants, the interface{} unwrapping after each command, missingkey options, and/or
 * short-circuit, break/continue) and Go's error texts. Every piece of output is recorded
 * with the template span that produced it (`Chunk`), the basis of provenance.
 */
import { canBeNil, constantArg, errorContext, idealConstant, typeText, validateType } from './args';
import { builtinFuncs } from './builtins';
import { ExecError, LimitError, Output, defaultLimits, type Chunk, type Limits, type MissingKey } from './output';
import { formatValue } from './fmt';
import { nodeString, type ActionNode, type BranchNode, type ChainNode, type CommandNode, type FieldNode, type IdentifierNode, type ListNode, type Node, type NumberNode, type PipeNode, type TemplateNode, type VariableNode } from './nodes';
import { parseTemplate, type Tree } from './parse';
import { GoInt, GoNilPtr, GoStruct, isFunc, isMap, mapZero, sortedKeys, truth, typeName, type GoFunc, type GoValue, type ParamType } from './value';

const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

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

class State {
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
    throw new ExecError(`template: ${errorContext(this.tree.parseName, this.tree.text, n.pos)}: executing "${name}" at <${nodeString(n)}>: ${msg}`, this.tree.parseName, n.pos, cause);
  }

  private tick(): void {
    if (++this.ctx.ops > this.set.limits.maxOps) throw new LimitError(`template: ${this.tree.name}: operation limit of ${this.set.limits.maxOps} reached`, this.tree.parseName, this.node?.pos ?? 0);
  }

  private write(s: string, src: [number, number], kind: 'text' | 'action', from?: { map: object; key: string }): void {
    if (s === '') return;
    const o = this.out;
    if (o.len + s.length > this.set.limits.maxOutput) {
      throw new LimitError(`template: ${this.tree.name}: output larger than ${this.set.limits.maxOutput} characters`, this.tree.parseName, src[0]);
    }
    o.parts.push(s);
    if (o.chunks) o.chunks.push({ start: o.len, end: o.len + s.length, template: this.tree.parseName, src, kind, ...(from ? { from } : {}) });
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
  private varValue(name: string): GoValue {
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
      case 'break': throw BREAK;
      case 'continue': throw CONTINUE;
      case 'comment': return;
      case 'if': case 'with': return this.walkIfOrWith(node, dot);
      case 'list': for (const n of node.nodes) this.walk(dot, n); return;
      case 'range': return this.walkRange(dot, node);
      case 'template': return this.walkTemplate(dot, node);
      case 'text': return this.write(node.text, [node.pos, node.pos + node.text.length], 'text');
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
      throw new LimitError(`template: ${this.tree.name}: exceeded maximum template depth (${this.set.limits.maxDepth})`, this.tree.parseName, t.pos);
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
      value = this.evalCommand(dot, cmd, value);
      if (value === null) value = undefined; // interface{} dug out: a nil interface is no value
    }
    const v = value as GoValue;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, v);
      else this.vars.push({ name: variable.ident[0]!, value: v });
    }
    return v;
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    this.tick();
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
    return this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(c: NumberNode): GoValue {
    this.at(c);
    const r = idealConstant(c);
    return r instanceof Error ? this.errorf(r.message) : r;
  }

  private evalFieldNode(dot: GoValue, field: FieldNode, args: Node[], final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoValue, chain: ChainNode, args: Node[] | null, final: Final): GoValue {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'untyped', chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoValue, v: VariableNode, args: Node[] | null, final: Final): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, node: Node, ident: string[], args: Node[] | null, final: Final): GoValue {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  private evalFunction(dot: GoValue, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): GoValue {
    this.at(node);
    const fn = this.set.funcs.get(node.ident);
    if (!fn) this.errorf(`"${node.ident}" is not a defined function`);
    const builtin = node.ident === 'and' || node.ident === 'or';
    return this.evalCall(dot, fn, builtin, cmd, node.ident, args, final);
  }

  private evalField(dot: GoValue, name: string, node: Node, args: Node[] | null, final: Final, receiver: GoValue): GoValue {
    if (receiver === undefined) {
      if (this.set.missingKey === 'error') this.errorf(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    if (receiver instanceof GoStruct) {
      const method = receiver.methods[name];
      if (method) return this.evalCall(dot, method, false, node, name, args, final);
    }
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (receiver instanceof GoStruct) {
      if (receiver.fields.has(name) || receiver.unexported.has(name)) {
        if (receiver.unexported.has(name)) this.errorf(`${name} is an unexported field of struct type ${typeName(receiver)}`);
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return receiver.fields.get(name);
      }
    } else if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(receiver, name)) {
        const v = receiver[name];
        this.lastMap = receiver;
        this.lastKey = name;
        this.lastValue = v;
        return v;
      }
      switch (this.set.missingKey) {
        case 'zero': return mapZero(receiver);
        case 'error': return this.errorf(`map has no entry for key "${name}"`);
        default: return undefined;
      }
    } else if (receiver instanceof GoNilPtr) {
      this.errorf(`nil pointer evaluating ${receiver.type}.${name}`);
    }
    return this.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private evalCall(dot: GoValue, fn: GoFunc, builtinAndOr: boolean, node: Node, name: string, argNodes: Node[] | null, final: Final): GoValue {
    const args = argNodes ? argNodes.slice(1) : [];
    const variadic = fn.variadic !== undefined;
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (builtinAndOr) {
      let v: GoValue = undefined;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (truth(v === null ? undefined : v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i]!, args[i]!));
    if (variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic!, args[i]!));
    if (final !== MISSING) {
      let t: ParamType = fn.params[fn.params.length - 1] ?? fn.variadic!;
      if (variadic) t = numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic!;
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.fn(...argv);
    } catch (e) {
      if (e instanceof LimitError || e instanceof RangeError || e === BREAK || e === CONTINUE) throw e;
      if (e instanceof ExecError) throw e;
      this.at(node);
      const msg = e instanceof Error ? e.message : String(e);
      return this.errorf(`error calling ${name}: ${msg}`, e);
    }
  }

  private validateType(value: GoValue, typ: ParamType): GoValue {
    const r = validateType(value, typ);
    return r.ok ? r.value : this.errorf(r.message);
  }

  private evalArg(dot: GoValue, typ: ParamType, n: Node): GoValue {
    this.at(n);
    switch (n.type) {
      case 'dot': return this.validateType(dot, typ);
      case 'nil':
        if (canBeNil(typ)) return typ === 'value' ? undefined : null;
        return this.errorf(`cannot assign nil to ${typeText(typ)}`);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable': return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    const c = constantArg(typ, n);
    return c.ok ? c.value : this.errorf(c.message);
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${typeText(typ)}`);
  }

  private printValue(n: ActionNode, v: GoValue): void {
    this.at(n);
    let s: string;
    if (v === undefined) s = '<no value>';
    else if (isFunc(v)) return this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    else if (v instanceof GoStruct && v.ptr) s = formatValue(new GoStruct(v.type, v.fields, v.methods, false, v.unexported), 'v', {} as never, 0);
    else s = formatValue(v, 'v', {} as never, 0);
    const from = this.out.chunks && this.lastMap && this.lastValue === v && v !== undefined && typeof v !== 'object' ? { map: this.lastMap, key: this.lastKey } : undefined;
    this.write(s, [n.start, n.end], 'action', from);
  }
}

export { ExecError, LimitError, Output, defaultLimits };
export type { ListNode, Chunk, Limits, MissingKey };
