/**
 * Helm's engine (pkg/engine): every template of the chart and its subcharts parsed into one
 * set (deeper paths first, so a parent's `define` wins), Helm's functions on top of Sprig
 * (include with its recursion guard, tpl, required, toYaml/fromYaml/…, lookup → empty),
 * missingkey=zero, and each renderable template executed with the values of its own chart.
 * "<no value>" is removed from the output as Helm does.
 */
import { parseDocument } from 'yaml';
import { sprigFuncs } from './funcs/index';
import { goYamlMarshal } from './funcs/goyamlEmit';
import { marshal, unmarshal } from './funcs/json';
import { ExecError, LimitError, TemplateSet, type Chunk, type ExecContext, type Limits } from './template/exec';
import { parseTemplate, ParseError, type Tree } from './template/parse';
import { isEmptyTree } from './template/nodes';
import { GoError, goFunc, isMap, fromPlain, type GoFunc, type GoMap, type GoValue } from './template/value';
import type { HelmFinding } from './chart';
import { removeNoValue } from './provenance';

export interface TemplateSource {
  /** Helm's template name: "<chart>/templates/x.yaml", "<chart>/charts/<sub>/templates/x.yaml". */
  name: string;
  text: string;
  /** The values (top-level object) it renders with; null for library charts and partials. */
  renderWith: GoMap | null;
}

export interface RenderedTemplate {
  name: string;
  text: string;
  chunks: Chunk[] | null;
}

const recursionMax = 1000;
/** Nesting of include/tpl: Helm allows 1000 per name; a JS stack holds fewer, and real charts nest a handful. */
const maxNesting = 250;

function toYaml(v: GoValue): string {
  try {
    return goYamlMarshal(v).replace(/\n$/, '');
  } catch {
    return '';
  }
}

function fromYaml(s: string, array: boolean): GoValue {
  const doc = parseDocument(s, { version: '1.1', uniqueKeys: false });
  if (doc.errors.length) {
    const msg = 'error converting YAML to JSON: yaml: ' + doc.errors[0]!.message.split('\n')[0];
    return array ? [msg] : { Error: msg };
  }
  const v = fromPlain(doc.toJS({ maxAliasCount: 1000 }));
  if (array) return Array.isArray(v) ? v : ['error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}'];
  if (v === null) return {};
  if (!isMap(v))
    return {
      Error:
        'error unmarshaling JSON: json: cannot unmarshal ' +
        (Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number') +
        ' into Go value of type map[string]interface {}',
    };
  return v;
}

export class HelmEngine {
  readonly set: TemplateSet;
  private readonly included = new Map<string, number>();
  private nesting = 0;
  readonly ctx: ExecContext = { ops: 0 };

  /** Names of the chart's template files (a `define` is not one). */
  private readonly sourceNames: Set<string>;

  constructor(
    templates: TemplateSource[],
    readonly findings: HelmFinding[],
    limits?: Partial<Limits>,
  ) {
    this.sourceNames = new Set(templates.map((t) => t.name));
    const funcs = sprigFuncs();
    for (const f of this.helmFuncs()) funcs.set(f.name, f);
    this.set = new TemplateSet(funcs);
    this.set.missingKey = 'zero';
    if (limits) this.set.limits = { ...this.set.limits, ...limits };
    const names = new Set(this.set.funcs.keys());
    for (const t of sortTemplates(templates)) {
      const trees = new Map<string, Tree>();
      try {
        parseTemplate(t.name, t.text, trees, { funcs: names });
      } catch (e) {
        if (e instanceof ParseError) this.findings.push({ kind: 'render', message: e.message, path: t.name, offset: e.offset });
        else throw e;
        continue;
      }
      for (const [k, tree] of trees) {
        const old = this.set.trees.get(k);
        if (old && isEmptyTree(tree.root)) continue;
        this.set.trees.set(k, tree);
      }
    }
  }

  private helmFuncs(): GoFunc[] {
    return [
      goFunc('include', ['string', 'any'], (name: string, data: GoValue) => this.include(name, data)),
      goFunc('tpl', ['string', 'any'], (text: string, vals: GoValue) => this.tpl(text, vals)),
      goFunc('required', ['string', 'any'], (warn: string, v: GoValue) => {
        if (v === null || v === undefined || v === '') throw new GoError(warn);
        return v;
      }),
      goFunc('toYaml', ['any'], toYaml),
      goFunc('mustToYaml', ['any'], (v: GoValue) => goYamlMarshal(v).replace(/\n$/, '')),
      goFunc('toYamlPretty', ['any'], toYaml),
      goFunc('fromYaml', ['string'], (s: string) => fromYaml(s, false)),
      goFunc('fromYamlArray', ['string'], (s: string) => fromYaml(s, true)),
      goFunc('toJson', ['any'], (v: GoValue) => {
        try {
          return marshal(v);
        } catch {
          return '';
        }
      }),
      goFunc('fromJson', ['string'], (s: string) => {
        try {
          const v = unmarshal(s);
          return isMap(v) ? v : { Error: 'json: cannot unmarshal into Go value of type map[string]interface {}' };
        } catch (e) {
          return { Error: (e as Error).message };
        }
      }),
      goFunc('fromJsonArray', ['string'], (s: string) => {
        try {
          const v = unmarshal(s);
          return Array.isArray(v) ? v : ['json: cannot unmarshal object into Go value of type []interface {}'];
        } catch (e) {
          return [(e as Error).message];
        }
      }),
      goFunc('toToml', ['any'], (v: GoValue) => toToml(v)),
      goFunc('lookup', ['string', 'string', 'string', 'string'], () => ({})),
    ];
  }

  private include(name: string, data: GoValue): string {
    const n = this.included.get(name) ?? 0;
    if (n > recursionMax) throw new GoError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    if (this.nesting >= maxNesting)
      throw new LimitError(`include "${name}" nested deeper than ${maxNesting} levels (a template that includes itself?)`, name, 0);
    this.included.set(name, n + 1);
    this.nesting++;
    try {
      if (!this.set.trees.has(name)) throw new GoError(`template: no template "${name}" associated with template "gotpl"`);
      return this.set.execute(name, data, false, this.ctx).text;
    } finally {
      this.included.set(name, n);
      this.nesting--;
    }
  }

  private tpl(text: string, vals: GoValue): string {
    const tplName =
      isMap(vals) && isMap(vals['Template']) && typeof vals['Template']['Name'] === 'string' ? vals['Template']['Name'] : 'tpl';
    const clone = new TemplateSet(this.set.funcs);
    clone.missingKey = 'zero';
    clone.limits = this.set.limits;
    for (const [k, v] of this.set.trees) clone.trees.set(k, v);
    const trees = new Map<string, Tree>();
    try {
      parseTemplate(tplName, text, trees, { funcs: new Set(this.set.funcs.keys()) });
    } catch (e) {
      throw new GoError(`cannot parse template ${JSON.stringify(text)}: ${(e as Error).message}`);
    }
    for (const [k, v] of trees) clone.trees.set(k, v);
    try {
      return clone.execute(tplName, vals, false, this.ctx).text.replaceAll('<no value>', '');
    } catch (e) {
      if (e instanceof ExecError && !e.message.startsWith('template:')) throw e;
      throw new GoError(`error during tpl function execution for ${JSON.stringify(text)}: ${(e as Error).message}`);
    }
  }

  /** Renders one template; an error becomes a finding and the template gives no output. */
  render(t: TemplateSource, track: boolean): RenderedTemplate | null {
    if (!this.set.trees.has(t.name) || !t.renderWith) return null;
    try {
      const r = this.set.execute(t.name, t.renderWith, track, this.ctx);
      return { name: t.name, ...removeNoValue(r.text, r.chunks) };
    } catch (e) {
      if (e instanceof RangeError) {
        this.findings.push({ kind: 'limit', message: `${t.name}: rendering nested too deeply (${e.message})`, path: t.name });
        return null;
      }
      if (!(e instanceof ExecError)) throw e;
      // An error named after a `define` (an include nested too deeply) lies in the template being rendered.
      const inFile = this.sourceNames.has(e.template);
      this.findings.push({
        kind: e instanceof LimitError ? 'limit' : 'render',
        message: cleanupError(e.message),
        path: inFile ? e.template : t.name,
        offset: inFile ? e.offset : undefined,
      });
      return null;
    }
  }
}

/** Helm's error cleanup: "execution error at (file:line:col): message" for required/fail. */
function cleanupError(msg: string): string {
  const m = /^template: (\S+?):(\d+):(\d+): executing "[^"]*" at <[^>]*>: error calling (?:fail|required): (.*)$/s.exec(msg);
  return m ? `execution error at (${m[1]}:${m[2]}:${m[3]}): ${m[4]}` : msg;
}

/** Helm's sortTemplates: deeper paths first, then reverse lexical order. */
function sortTemplates(ts: TemplateSource[]): TemplateSource[] {
  const depth = (s: string): number => s.split('/').length;
  return [...ts].sort((a, b) => {
    const d = depth(b.name) - depth(a.name);
    if (d) return d;
    return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  });
}

/** BurntSushi/toml encoding for plain values (tables after keys, sorted keys). */
function toToml(v: GoValue): string {
  if (!isMap(v)) return '';
  const lines: string[] = [];
  const scalar = (x: GoValue): string =>
    typeof x === 'string'
      ? JSON.stringify(x)
      : Array.isArray(x)
        ? `[${x.map(scalar).join(', ')}]`
        : x === null || x === undefined
          ? ''
          : String(typeof x === 'object' && 'v' in (x as object) ? (x as { v: bigint }).v : x);
  const table = (m: GoMap, path: string[]): void => {
    const keys = Object.keys(m).sort();
    for (const k of keys) if (!isMap(m[k])) lines.push(`${'  '.repeat(Math.max(0, path.length - 1))}${k} = ${scalar(m[k])}`);
    for (const k of keys) {
      const sub = m[k];
      if (isMap(sub)) {
        lines.push('', `${'  '.repeat(path.length)}[${[...path, k].join('.')}]`);
        table(sub, [...path, k]);
      }
    }
  };
  table(v, []);
  return lines.join('\n').replace(/^\n/, '') + '\n';
}
