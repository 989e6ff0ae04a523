/**
 * What the fast block reader (blockTree.ts, blockFlow.ts) took over from the `yaml` fallback:
 * flow maps, multi-line flow sequences, `...` document ends, `key : value`, integer and
 * boolean keys, tabs as white space, wide blank lines inside block scalars, `|+`, a null
 * value followed by comments. Each is read
 * exactly as `yaml` + toTree read it (readerDiff.ts compares trees, spans, quoting and
 * findings), the oddities around them still give up, and the real documents that showed
 * them (test/fixtures/flow-yaml, see its README) are all taken by the fast reader: a
 * regression to the fallback fails here, not only in a benchmark.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { blockTree } from '../../server/src/core/parse/blockTree';
import { splitDocuments } from '../../server/src/core/parse/documents';
import { readDocument } from '../../server/src/core/parse/readYaml';
import { agrees, disagreement, reference } from './readerDiff';

const examples = join(__dirname, '..', 'fixtures', 'flow-yaml');

describe('blockTree: flow collections and the other constructs yaml used to read alone', () => {
  it('reads flow maps, on one line and over several, nested, as yaml does', () => {
    agrees('k: {a: 1, b: [x, "y"], "c":2, d: {}, e: {f: {g: h}}}\n');
    agrees('spec:\n  selector:\n    matchExpressions:\n    - {key: istio-prometheus-ignore, operator: DoesNotExist}\n  any: true\n');
    agrees('ports:\n- {containerPort: 6379, name: gcs}\n- { containerPort: 8265 , name: "dashboard" }\nx: 1\n');
    agrees("v: { k8s-app: metrics-server, 'it''s': \"q\\tx\", url: http://h:80/p, n: 0x1F, t: true, z: ~ }\n");
    agrees('k: {a: 1,\n   b: 2, # a comment\n   c: [x,\n     y], # another\n }\nnext: 1\n');
    agrees('k:\n  m: {\n    a: 1,\n    b: 2,\n  }\n  n: 2\n');
    agrees('list:\n  - [{a: 1}, {b: [2, 3]}, [], {}]\n  - {a: [{b: c}]}\n');
    agrees('k: {80: http, true: yes, 1.5: f}\n');
  });

  it('reports a key given twice in a flow map as in a block map: first place, last value', () => {
    const text = 'k: {a: 1, b: 2, a: 3}\n';
    agrees(text);
    const doc = readDocument({ start: 0, text });
    assert.deepEqual(
      doc.problems.map((p) => [p.rule, p.span]),
      [['yaml-duplicate-key', [16, 17]]],
    );
    const k = doc.root?.t === 'map' ? doc.root.pairs.get('k')?.value : undefined;
    assert.ok(k?.t === 'map');
    assert.deepEqual(
      [...k.pairs.values()].map((p) => [p.key, p.value?.t === 'scalar' && p.value.value]),
      [
        ['a', 3],
        ['b', 2],
      ],
    );
    // A large flow map finds its duplicates through an index: same findings.
    const keys = Array.from({ length: 40 }, (_, n) => `k${n}: ${n}`).join(', ');
    agrees(`big: {${keys}, k3: x, k39: y, k3: z}\n`);
    assert.equal(readDocument({ start: 0, text: `big: {${keys}, k3: x, k39: y, k3: z}\n` }).problems.length, 3);
  });

  it('reads multi-line flow sequences: trailing commas, comments inside, the closing bracket at the key column', () => {
    agrees('rules:\n- verbs:\n    [\n      "create",\n      "delete",\n    ]\n  resources: ["pods",]\n');
    agrees('args: [\n    "-a", "/x",\n    # a comment line\n    "-b", "/y", # after an item\n]\nnext: 1\n');
    agrees('c:\n- name: x\n  args: [\n      "-csi-address", "/csi.sock",\n  ]\n  env: []\n');
    agrees('k: [a, b # c\n  , c]\n');
    agrees('k: [a\n  ]\nl: [b\n  , c\n  ]\n');
    agrees('params:\n  target: [frontend:80]\n  module: [http_2xx, "a:b", c#d]\n');
    agrees('k: [\n  [a, b],\n  [c],\n]\n');
  });

  it('reads a document that ends with `...`', () => {
    agrees('a: 1\n...\n');
    agrees('a:\n  b: 1\n  # c\n...\n# after\n');
    agrees('a: |\n  x\n\n...\n');
    agrees('a: 1\n... # c\n\n');
    agrees('a:\n  b: 1\n\n...');
  });

  it('reads `key : value`, integer and boolean keys, tabs as white space, wide blank lines in block scalars', () => {
    agrees('resources:\n  limits:\n    nvidia.com/gpu : "1"\n    cpu  : 2\n    "q" : 3\n  b :\n    c: 1\n');
    agrees('data:\n  404: |\n    x\n  503: y\n  0x1F: z\n  true: t\n  1.0: f\n  .nan: n\n  01: o\n  1: p\n');
    agrees('apiVersion: v1\t\nkind: Service\t\nmetadata:\t\n  name: x\t\nspec:\t\n  ports:\t\n  - port: 80\t\n');
    agrees('a:\tb\nc:\t\t"q"\t# x\nd: x\ty\ne: p\t#c\nf: |\t\n  t\ng: [a]\t\nh: b\t:c\ni: x\t\n  y\t\n  z\n');
    agrees('a: |\n  x\n      \n  y\nb: >\n  x\n      \n  y\nc: >-\n  x\n   \n  y\n  z\n\n   \n  w\nd: 1\n');
  });

  it('reads a null value followed by comments: yaml stretches the collections it closes to the next token', () => {
    agrees('resources:\n- base\ncomponents:\n# - components/a\n# - components/b\n');
    agrees('a: 1\nb:\n\n# c\n\n# d\n\n');
    agrees('x:\n  y:\n    b:\n    # c\n  z: 1\n');
    agrees('x:\n  y:\n    - b:\n  # c\nz: 1\n');
    agrees('x:\n  b: # c\nz: 1\n');
    agrees('x:\n  a:\n# c\n  d: 1\n');
    agrees('x:\n- b:\n  # c\n- 1\n');
    const doc = readDocument({ start: 0, text: 'x:\n  y:\n    b:\n# c\nz: 1\n' });
    const x = doc.root?.t === 'map' ? doc.root.pairs.get('x')?.value : undefined;
    assert.deepEqual(x?.span, [5, 19]);
  });

  it('reads `|+` and `>+`: the blank lines after the text are part of it', () => {
    agrees('data:\n  redis.conf:  |+\n    cluster-enabled yes\n    port 6379\n');
    agrees('a: |+\n  x\n\n\nb: 1\n');
    agrees('a: |+\n  x\n\n  \n# c\nb: 1\n');
    agrees('a:\n  b: >+\n    x\n\n  c: 1\n');
    agrees('a:\n- |+\n  x\n\n- y\n');
    agrees('a: |+\n  x\n\n...\n');
    agrees('a:\n  b: |+\n    x\n\n    # c\n  d: 1\n');
  });

  it('gives up on the oddities around them, and never accepts what yaml rejects', () => {
    for (const text of [
      'k: [&a x, *a]\n',
      'k: {a: !t x}\n',
      'k: {a}\n',
      'k: {a: }\n',
      'k: {a: , b: 1}\n',
      'k: {? a: 1}\n',
      'k: {<<: {b: 1}}\n',
      'k: {~: 1}\n',
      'k: {a:\n    1}\n',
      'k: [a\n    b]\n',
      'k: [a: 1]\n',
      'k: ["a": 1]\n',
      'k: [a, , b]\n',
      'k: [, a]\n',
      'k: {a: 1 b: 2}\n',
      'k: [a, b\n',
      'k: {"a\n  b": 1}\n',
      'a:\n  k: [\n x]\n',
      'a:\n  k: [\n  x]\n',
      'a:\n  k: {\n a: 1}\n',
      'k: [\n  a,\n\t]\n',
      'a: 1\n...\nb: 2\n',
      'a: 1\n... x\n',
      'a: "x\n...\n# c"\n',
      '~: a\nb: 1\n',
      'a: b:\tc\n',
      'a: |\n      \n  x\n',
      'a: |+\n  x\n\n  ',
      'ports:\n  -   protocol: TCP\n    port: 8000\n',
    ]) {
      assert.equal(blockTree(text, 0), undefined, `should give up:\n${text}`);
      assert.equal(disagreement(text), undefined, text);
    }
    for (const text of ['k: [a, b\n', 'a: 1\n...\nb: 2\n', 'k: {a: 1 b: 2}\n', 'a: b:\tc\n']) assert.equal(reference(text), 'error', text);
  });

  it('takes every document of the real examples, reading each as yaml does', () => {
    let docs = 0;
    let fast = 0;
    const files = readdirSync(examples).filter((f) => f.endsWith('.yaml'));
    for (const f of files) {
      for (const chunk of splitDocuments(readFileSync(join(examples, f), 'utf8'))) {
        docs++;
        if (blockTree(chunk.text, chunk.start)) fast++;
        assert.equal(disagreement(chunk.text, chunk.start), undefined, f);
      }
    }
    assert.equal(files.length, 12);
    assert.equal(fast, docs, `the fast reader took ${fast} of ${docs} documents`);
  });

  it('agrees with yaml on generated flow collections, and takes most of them', () => {
    let seed = 5;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pick = <T>(a: readonly T[]): T => a[rand(a.length)]!;
    const scalars = [
      'a',
      'b c',
      'x:y',
      'http://h:80/p',
      '1',
      '0x1F',
      'true',
      '~',
      '-f',
      '"q"',
      "'s'",
      '"a\\"b"',
      "'it''s'",
      'a#b',
      '"two\n   lines"',
    ];
    const keys = ['a', 'b', '"c"', "'d'", 'e f', 'a', '80', 'x:y', '-k'];
    const seps = [', ', ',', ' ,', ',\n    ', '\n    , ', ', # c\n    ', ',\n# c\n    ', ',\n\n    ', ',\n  ', ',\n'];
    const flow = (depth: number): string => {
      const r = rand(10);
      if (depth > 2 || r < 4) return pick(scalars);
      const map = r < 7;
      const parts: string[] = [];
      for (let k = rand(4); k > 0; k--) parts.push(map ? `${pick(keys)}${pick([': ', ':', ' : '])}${flow(depth + 1)}` : flow(depth + 1));
      const open = pick(['', ' ', '\n    ', '  # c\n    ']);
      const close = pick(['', ' ', ',', '\n  ', '\n', ',\n  ', ' # c\n  ']);
      return (map ? '{' : '[') + open + parts.join(pick(seps)) + close + (map ? '}' : ']');
    };
    const changes = ['', ' ', '\t', ',', ':', '#', '[', ']', '{', '}', '"', '\n', '\n  ', '&a ', '*a', '!t ', '?', '-', '\n...\n'];
    let fast = 0;
    for (let n = 0; n < 3000; n++) {
      const lines: string[] = [];
      for (let m = 0; m <= rand(3); m++) {
        const shape = rand(4);
        if (shape === 0) lines.push(`k${m}: ${flow(0)}`);
        else if (shape === 1) lines.push(`k${m}:\n  - ${pick(['', 'q: '])}${flow(0)}\n  - x`);
        else if (shape === 2) lines.push(`k${m}:\n  n: ${flow(0)}${pick(['', ' # c', '\n  # c', '\n    # d'])}`);
        else lines.push(`k${m}:\n  ${flow(0)}`);
      }
      let text = lines.join('\n') + pick(['\n', '', '\n...\n', '\n... # c\n', '\n  # c\n...\n']);
      if (rand(3) === 0) {
        const at = rand(text.length + 1);
        text = text.slice(0, at) + pick(changes) + text.slice(at + rand(2));
      }
      const d = disagreement(text);
      assert.equal(d, undefined, `${JSON.stringify(text)}\n${d}`);
      if (blockTree(text, 0)) fast++;
    }
    assert.ok(fast > 1000, `the fast path took only ${fast} of 3000 generated documents`);
  });
});
