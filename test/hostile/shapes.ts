/**
 * The hostile shapes of issue 16: small workspaces (under about 1 MB at 1×) whose analysis
 * used to cost far more than their size — a quadratic "did you mean", Services × templates ×
 * policies, glob and `.gitignore` patterns that backtrack. Each is generated at a scale
 * (1, 2, 4…) into a folder; `npm run bench -- hostile` runs `podpath check` on each at 1×,
 * 2× and 4× and reports time, memory and growth, and the tests use them at small scales to
 * count work. Names are made by a seeded generator, so every run sees the same workspace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Shape {
  name: string;
  /** What it is, for the bench table. */
  what: string;
  /** Write the workspace at `scale` into `dir` (an empty folder). */
  build(dir: string, scale: number): void;
  /** Owned by the YAML reader's work (issue 16's two parser items), measured here all the same. */
  parser?: true;
}

/** A deterministic generator of lower-case names (xorshift), so shapes are reproducible. */
export function nameGen(seed = 1): (len: number) => string {
  let x = seed >>> 0 || 1;
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return (len) => {
    let s = '';
    for (let i = 0; i < len; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      s += abc[i === 0 ? x % 26 : x % 36];
    }
    return s;
  };
}

/** `name` with `n` characters changed (a typo that a "did you mean" should catch). */
export function typo(name: string, n = 2): string {
  const chars = [...name];
  for (let i = 0; i < n; i++) {
    const at = 1 + ((i * 17) % (chars.length - 1));
    chars[at] = chars[at] === 'x' ? 'y' : 'x';
  }
  return chars.join('');
}

const service = (name: string, app: string, targetPort: string | number = 8080): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;

const deployment = (name: string, app: string, port = 8080): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: c\n          image: nginx\n          ports:\n            - containerPort: ${port}\n`;

const ingress = (name: string, backend: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: ${backend}\n                port:\n                  number: 80\n`;

const policy = (name: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 9090\n`;

function write(dir: string, path: string, text: string): void {
  const abs = join(dir, path);
  mkdirSync(join(abs, '..'), { recursive: true });
  writeFileSync(abs, text);
}

/** Documents in files of at most `perFile` documents each. */
function writeDocs(dir: string, folder: string, docs: string[], perFile = 500): void {
  for (let i = 0; i < docs.length; i += perFile)
    write(dir, `${folder}/part-${String(i / perFile).padStart(4, '0')}.yaml`, docs.slice(i, i + perFile).join('---\n'));
}

export const shapes: Shape[] = [
  {
    name: 'did-you-mean',
    what: '1,000 Ingress backends naming missing Services (typos), 1,000 Services, 60-character names',
    build(dir, scale) {
      const gen = nameGen(7);
      const n = 1000 * scale;
      const names = Array.from({ length: n }, () => gen(60));
      writeDocs(
        dir,
        'services',
        names.map((s) => service(s, 'web')),
      );
      writeDocs(
        dir,
        'ingresses',
        names.map((s, i) => ingress(`ing-${i}`, typo(s))),
      );
      write(dir, 'web.yaml', deployment('web', 'web'));
    },
  },
  {
    name: 'fan-out',
    what: '5,000 Services × 1,000 Deployments, all matching, targetPort broken',
    build(dir, scale) {
      writeDocs(
        dir,
        'services',
        Array.from({ length: 5000 * scale }, (_, i) => service(`s${i}`, 'all', 'nope')),
        1000,
      );
      writeDocs(
        dir,
        'deployments',
        Array.from({ length: 1000 * scale }, (_, i) => deployment(`d${i}`, 'all')),
      );
    },
  },
  {
    name: 'policies',
    what: '2,000 NetworkPolicies selecting every Pod × 2,000 Deployments, 100 Services',
    build(dir, scale) {
      writeDocs(
        dir,
        'policies',
        Array.from({ length: 2000 * scale }, (_, i) => policy(`p${i}`)),
      );
      writeDocs(
        dir,
        'deployments',
        Array.from({ length: 2000 * scale }, (_, i) => deployment(`d${i}`, `a${i % (100 * scale)}`)),
      );
      writeDocs(
        dir,
        'services',
        Array.from({ length: 100 * scale }, (_, i) => service(`s${i}`, `a${i}`)),
      );
    },
  },
  {
    name: 'flow-keys',
    what: 'one flow map of 40,000 keys (the `yaml` fallback: duplicate-key check)',
    parser: true,
    build(dir, scale) {
      const keys = Array.from({ length: 40_000 * scale }, (_, i) => `k${i}: v`).join(', ');
      write(dir, 'keys.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keys, labels: {${keys}}}\n`);
    },
  },
  {
    name: 'flow-depth',
    what: 'flow nesting over many lines starting in column 0 (the depth guard)',
    parser: true,
    build(dir, scale) {
      // 500 KB at 1×: brackets that open on lines of their own, each in column 0.
      const n = 250_000 * scale;
      write(dir, 'deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: [\n${'[\n'.repeat(n)}${']\n'.repeat(n)}]\n`);
    },
  },
  {
    name: 'exclude-glob',
    what: '`exclude: ["**/*a*a*a*a*a*a*a*a*b"]` in .podpath.yaml, 200 files with 200-character names',
    build(dir, scale) {
      write(dir, '.podpath.yaml', 'exclude: ["**/*a*a*a*a*a*a*a*a*b"]\n');
      for (let i = 0; i < 200 * scale; i++)
        write(dir, `files/${'a'.repeat(190)}${String(i).padStart(5, '0')}.yaml`, service(`s${i}`, 'web'));
    },
  },
  {
    name: 'gitignore-glob',
    what: '.gitignore `**/a/**/a/**/a/**/a/**/a/**/a/**/b`, 60-folder chains (4 of them)',
    build(dir, scale) {
      write(dir, '.gitignore', '**/a/**/a/**/a/**/a/**/a/**/a/**/b\n');
      for (let c = 0; c < 4 * scale; c++) {
        let p = `chain${c}`;
        for (let d = 0; d < 60; d++) {
          p += '/a';
          write(dir, `${p}/s.yaml`, service(`c${c}d${d}`, 'web'));
        }
      }
    },
  },
  {
    name: 'gitignore-big',
    what: 'a 1 MB .gitignore (literal paths, names and extensions) over 2,000 files',
    build(dir, scale) {
      const lines: string[] = [];
      for (let i = 0, size = 0; size < 1_000_000; i++) {
        const l = i % 3 === 0 ? `/build/out-${i}/` : i % 3 === 1 ? `generated-${i}.txt` : `*.tmp${i}`;
        lines.push(l);
        size += l.length + 1;
      }
      write(dir, '.gitignore', `${lines.join('\n')}\n`);
      for (let i = 0; i < 2000 * scale; i++) write(dir, `m/f${Math.floor(i / 100)}/s${i}.yaml`, service(`s${i}`, 'web'));
    },
  },
];
