/**
 * The evaluation of commands and their arguments (exec.go's evalCommand, evalField, evalCall,
 * evalArg): fields vs methods vs map keys, function calls with Go's argument type checks, ideal
 * constants, and/or short-circuit. The walk over the tree and the output stay in exec.ts; these
 * functions take the executor's state.
 */
import { canBeNil, constantArg, idealConstant, typeText, validateType } from './args';
import { ExecError, LimitError, type MissingKey } from './output';
import {
  nodeString,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  type PipeNode,
  type VariableNode,
} from './nodes';
import { GoNilPtr, GoStruct, isMap, mapZero, truth, typeName, type GoFunc, type GoValue, type ParamType } from './value';

/** No value passed down the pipeline yet (the first command gets no final argument). */
export const MISSING = Symbol('missing');
export type Final = GoValue | typeof MISSING;
export const BREAK = Symbol('break');
export const CONTINUE = Symbol('continue');

/** What evaluation needs of the executor's state. */
export interface Evaluator {
  readonly set: { readonly funcs: Map<string, GoFunc>; readonly missingKey: MissingKey };
  /** The map entry read last, so that printing it can say where the text came from. */
  lastMap: object | null;
  lastKey: string;
  lastValue: GoValue;
  at(n: Node): void;
  errorf(msg: string, cause?: unknown): never;
  tick(): void;
  varValue(name: string): GoValue;
  evalPipeline(dot: GoValue, pipe: PipeNode | null): GoValue;
}

function notAFunction(st: Evaluator, args: Node[], final: Final): void {
  if (args.length > 1 || final !== MISSING) st.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
}

export function evalCommand(st: Evaluator, dot: GoValue, cmd: CommandNode, final: Final): GoValue {
  st.tick();
  const first = cmd.args[0]!;
  switch (first.type) {
    case 'field':
      return evalFieldNode(st, dot, first, cmd.args, final);
    case 'chain':
      return evalChainNode(st, dot, first, cmd.args, final);
    case 'identifier':
      return evalFunction(st, dot, first, cmd, cmd.args, final);
    case 'pipe':
      notAFunction(st, cmd.args, final);
      return st.evalPipeline(dot, first);
    case 'variable':
      return evalVariableNode(st, dot, first, cmd.args, final);
  }
  st.at(first);
  notAFunction(st, cmd.args, final);
  switch (first.type) {
    case 'bool':
      return first.value;
    case 'dot':
      return dot;
    case 'nil':
      return st.errorf('nil is not a command');
    case 'number':
      return numberConstant(st, first);
    case 'string':
      return first.text;
  }
  return st.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
}

function numberConstant(st: Evaluator, c: NumberNode): GoValue {
  st.at(c);
  const r = idealConstant(c);
  return r instanceof Error ? st.errorf(r.message) : r;
}

function evalFieldNode(st: Evaluator, dot: GoValue, field: FieldNode, args: Node[], final: Final): GoValue {
  st.at(field);
  return evalFieldChain(st, dot, dot, field, field.ident, args, final);
}

function evalChainNode(st: Evaluator, dot: GoValue, chain: ChainNode, args: Node[] | null, final: Final): GoValue {
  st.at(chain);
  if (chain.node.type === 'nil') st.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
  const pipe = evalArg(st, dot, 'untyped', chain.node);
  return evalFieldChain(st, dot, pipe, chain, chain.field, args, final);
}

function evalVariableNode(st: Evaluator, dot: GoValue, v: VariableNode, args: Node[] | null, final: Final): GoValue {
  st.at(v);
  const value = st.varValue(v.ident[0]!);
  if (v.ident.length === 1) {
    notAFunction(st, args ?? [v], final);
    return value;
  }
  return evalFieldChain(st, dot, value, v, v.ident.slice(1), args, final);
}

function evalFieldChain(
  st: Evaluator,
  dot: GoValue,
  receiver: GoValue,
  node: Node,
  ident: string[],
  args: Node[] | null,
  final: Final,
): GoValue {
  const n = ident.length;
  for (let i = 0; i < n - 1; i++) receiver = evalField(st, dot, ident[i]!, node, null, MISSING, receiver);
  return evalField(st, dot, ident[n - 1]!, node, args, final, receiver);
}

function evalFunction(st: Evaluator, dot: GoValue, node: IdentifierNode, cmd: Node, args: Node[] | null, final: Final): GoValue {
  st.at(node);
  const fn = st.set.funcs.get(node.ident);
  if (!fn) st.errorf(`"${node.ident}" is not a defined function`);
  const builtin = node.ident === 'and' || node.ident === 'or';
  return evalCall(st, dot, fn, builtin, cmd, node.ident, args, final);
}

function evalField(st: Evaluator, dot: GoValue, name: string, node: Node, args: Node[] | null, final: Final, receiver: GoValue): GoValue {
  if (receiver === undefined) {
    if (st.set.missingKey === 'error') st.errorf(`nil data; no entry for key "${name}"`);
    return undefined;
  }
  if (receiver === null) st.errorf(`nil pointer evaluating interface {}.${name}`);
  if (receiver instanceof GoStruct) {
    const method = receiver.methods[name];
    if (method) return evalCall(st, dot, method, false, node, name, args, final);
  }
  const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
  if (receiver instanceof GoStruct) {
    if (receiver.fields.has(name) || receiver.unexported.has(name)) {
      if (receiver.unexported.has(name)) st.errorf(`${name} is an unexported field of struct type ${typeName(receiver)}`);
      if (hasArgs) st.errorf(`${name} has arguments but cannot be invoked as function`);
      return receiver.fields.get(name);
    }
  } else if (isMap(receiver)) {
    if (hasArgs) st.errorf(`${name} is not a method but has arguments`);
    if (Object.prototype.hasOwnProperty.call(receiver, name)) {
      const v = receiver[name];
      st.lastMap = receiver;
      st.lastKey = name;
      st.lastValue = v;
      return v;
    }
    switch (st.set.missingKey) {
      case 'zero':
        return mapZero(receiver);
      case 'error':
        return st.errorf(`map has no entry for key "${name}"`);
      default:
        return undefined;
    }
  } else if (receiver instanceof GoNilPtr) {
    st.errorf(`nil pointer evaluating ${receiver.type}.${name}`);
  }
  return st.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
}

function evalCall(
  st: Evaluator,
  dot: GoValue,
  fn: GoFunc,
  builtinAndOr: boolean,
  node: Node,
  name: string,
  argNodes: Node[] | null,
  final: Final,
): GoValue {
  const args = argNodes ? argNodes.slice(1) : [];
  const variadic = fn.variadic !== undefined;
  let numIn = args.length;
  if (final !== MISSING) numIn++;
  let numFixed = args.length;
  if (variadic) {
    numFixed = fn.params.length;
    if (numIn < numFixed) st.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
  } else if (numIn !== fn.params.length) {
    st.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
  }
  if (builtinAndOr) {
    let v: GoValue = undefined;
    for (const a of args) {
      v = evalArg(st, dot, 'value', a);
      if (truth(v === null ? undefined : v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }
  const argv: GoValue[] = [];
  let i = 0;
  for (; i < numFixed && i < args.length; i++) argv.push(evalArg(st, dot, fn.params[i]!, args[i]!));
  if (variadic) for (; i < args.length; i++) argv.push(evalArg(st, dot, fn.variadic!, args[i]!));
  if (final !== MISSING) {
    let t: ParamType = fn.params[fn.params.length - 1] ?? fn.variadic!;
    if (variadic) t = numIn - 1 < numFixed ? fn.params[numIn - 1]! : fn.variadic!;
    argv.push(checkType(st, final, t));
  }
  try {
    return fn.fn(...argv);
  } catch (e) {
    if (e instanceof LimitError || e instanceof RangeError || e === BREAK || e === CONTINUE) throw e;
    if (e instanceof ExecError) throw e;
    st.at(node);
    const msg = e instanceof Error ? e.message : String(e);
    return st.errorf(`error calling ${name}: ${msg}`, e);
  }
}

function checkType(st: Evaluator, value: GoValue, typ: ParamType): GoValue {
  const r = validateType(value, typ);
  return r.ok ? r.value : st.errorf(r.message);
}

function evalArg(st: Evaluator, dot: GoValue, typ: ParamType, n: Node): GoValue {
  st.at(n);
  switch (n.type) {
    case 'dot':
      return checkType(st, dot, typ);
    case 'nil':
      if (canBeNil(typ)) return typ === 'value' ? undefined : null;
      return st.errorf(`cannot assign nil to ${typeText(typ)}`);
    case 'field':
      return checkType(st, evalFieldNode(st, dot, n, [n], MISSING), typ);
    case 'variable':
      return checkType(st, evalVariableNode(st, dot, n, null, MISSING), typ);
    case 'pipe':
      return checkType(st, st.evalPipeline(dot, n), typ);
    case 'identifier':
      return checkType(st, evalFunction(st, dot, n, n, null, MISSING), typ);
    case 'chain':
      return checkType(st, evalChainNode(st, dot, n, null, MISSING), typ);
  }
  const c = constantArg(typ, n);
  return c.ok ? c.value : st.errorf(c.message);
  return st.errorf(`can't handle ${nodeString(n)} for arg of type ${typeText(typ)}`);
}
