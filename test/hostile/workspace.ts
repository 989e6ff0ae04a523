/**
 * A hostile workspace, generated into a temporary folder (never committed: it holds a 20 MB
 * file), for the CLI and the language server alike: every kind of bad input issue 7 names,
 * each with the finding or the log line it must get, beside a good file whose real finding
 * must survive them all. `expected` lists what each case must produce.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a case must produce: a finding of `rule` in `file` whose message matches, or a log line naming `file`. */
export type Expectation =
  { file: string; rule: string; message: RegExp; line?: number } | { file: string; log: RegExp } | { file: string; nothing: true };

export interface HostileWorkspace {
  root: string;
  /** A folder outside the workspace that links point into; nothing in it may be read. */
  outside: string;
  expected: Expectation[];
  cleanup(): void;
}

/** The good file: Deployment web listens on 8080, its Service sends to 8081. */
export const goodFile = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8081
`;

export const goodFinding: Expectation = {
  file: 'good/web.yaml',
  rule: 'service-target-port-not-found',
  message:
    /^No selected Pod declares port 8081: use targetPort 8080\. For Service web, targetPort 8081 is not a port of the Pods it selects/,
  line: 28,
};

/** Nine anchors, each a list of nine aliases of the one before: 9^9 nodes. Block form, or flow (`[*a, …]`). */
export function aliasBomb(indent: string, flow: boolean): string {
  let s = `${indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n`;
  for (let i = 1; i < 9; i++) {
    s += flow
      ? `${indent}a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]\n`
      : `${indent}a${i}: &a${i}\n${Array(9)
          .fill(`${indent}  - *a${i - 1}\n`)
          .join('')}`;
  }
  return s;
}

/** 20 MB, thousands of documents; the last one is a Service of web with a wrong targetPort (9999). */
export function bigBundle(): string {
  let big = '';
  for (let i = 0; big.length < 20_000_000; i++)
    big += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm${i}\ndata:\n  k: "${'x'.repeat(2000)}"\n`;
  return `${big}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: bundle-web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 9999\n`;
}

/** 8 MB on one line: a Service of web with a wrong targetPort (9998) and a long annotation. */
export const longLine = (): string =>
  `{apiVersion: v1, kind: Service, metadata: {name: long-line, annotations: {note: "${'y'.repeat(8_000_000)}"}}, spec: {selector: {app: web}, ports: [{port: 80, targetPort: 9998}]}}`;

const service = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n    - port: 80\n${extra}`;

/** The hostile files: path → content, with what each must produce. */
function cases(outside: string): { files: [string, string | Buffer][]; expected: Expectation[] } {
  const files: [string, string | Buffer][] = [];
  const expected: Expectation[] = [goodFinding];
  const add = (path: string, content: string | Buffer, e: Omit<Expectation, 'file'> | Omit<Expectation, 'file'>[]): void => {
    files.push([path, content]);
    for (const x of Array.isArray(e) ? e : [e]) expected.push({ file: path, ...x } as Expectation);
  };
  files.push(['good/web.yaml', goodFile]);
  const bomb = { rule: 'yaml-syntax', message: /excessive aliasing/ };
  add('bomb/selector.yaml', `x:\n${aliasBomb('  ', true)}${service('bomb').replace('    app: bomb\n', '    app: *a8\n')}`, bomb);
  add(
    'bomb/selector-block.yaml',
    `x:\n${aliasBomb('  ', false)}apiVersion: v1\nkind: Service\nmetadata:\n  name: bomb2\nspec:\n  selector: *a8\n`,
    bomb,
  );
  add(
    'bomb/labels.yaml',
    `x:\n${aliasBomb('  ', false)}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bomb3\n  labels: *a8\nspec:\n  template:\n    metadata:\n      labels: *a8\n`,
    bomb,
  );
  add('bomb/env.yaml', `x:\n${aliasBomb('  ', true)}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb4\ndata: *a8\n`, bomb);
  const deep = { rule: 'yaml-syntax', message: /nested too deeply/ };
  add(
    'deep/flow-seq.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep1}\ndata: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    deep,
  );
  add(
    'deep/flow-map.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep2}\ndata: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`,
    deep,
  );
  add('deep/block-seq.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep3\ndata:\n  x:\n    ${'- '.repeat(20_000)}x\n`, deep);
  add(
    'deep/block-map.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep4\ndata:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k:\n`).join('')}`,
    deep,
  );
  add('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]), {
    rule: 'file-skipped',
    message: /binary data/,
  });
  add(
    'latin1.yaml',
    Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(`\n${service('latin')}---\n${service('after-latin', '      targetPort: 0.5\n')}`),
    ]),
    [
      { rule: 'yaml-syntax', message: /invalid UTF-8/, line: 1 },
      // The document after the bad one is still analysed.
      { rule: 'port-number-invalid', message: /targetPort 0\.5 is not a whole number/ },
    ],
  );
  add(
    'utf16.yaml',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(service('wide', '      targetPort: "eighty-eighty-eighty"\n'), 'utf16le')]),
    { rule: 'port-name-invalid', message: /eighty-eighty-eighty/ },
  );
  add('big/bundle.yaml', bigBundle(), { rule: 'file-skipped', message: /19\.\d MB is over the 5\.0 MB limit/ });
  add('big/long-line.yaml', longLine(), { rule: 'file-skipped', message: /7\.6 MB is over/ });
  add('syntax/tabs.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n\tname: tabs\n', { rule: 'yaml-syntax', message: /Tabs/ });
  add('syntax/duplicate-keys.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: dup\n  name: dup2\nspec:\n  ports: [{port: 80}]\n', {
    rule: 'yaml-duplicate-key',
    message: /given twice in this mapping/,
  });
  add(
    'types.yaml',
    [
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: t1\nspec:\n  ports: {port: 80}\n  selector: [a, b]\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: t2\nspec:\n  ports:\n    - port: "eighty"\n',
      'apiVersion: v1\nkind: Service\nmetadata: 7\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: t4\nspec:\n  selector: {matchLabels: {app: t4}}\n  template: null\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: t5\n  labels: [x]\nspec:\n  selector: "x"\n  template:\n    metadata: {labels: "x"}\n    spec:\n      containers: "x"\n',
      'apiVersion: 7\nkind: [Service]\n',
      '- a\n- b\n',
      '"just a string"\n',
    ].join('---\n'),
    [
      { rule: 'field-type-invalid', message: /^spec\.ports must be a list, not a map/ },
      { rule: 'field-type-invalid', message: /^spec\.selector must be a map, not a list/ },
      { rule: 'port-number-invalid', message: /"eighty" is not a number/ },
      { rule: 'field-type-invalid', message: /^metadata must be a map, not the number 7/ },
      { rule: 'field-type-invalid', message: /^spec\.template must be a map, not null/ },
      { rule: 'field-type-invalid', message: /^spec\.template\.spec\.containers must be a list/ },
    ],
  );
  add('empty.yaml', '', { nothing: true });
  add('comments.yaml', '# nothing here\n# at all\n', { nothing: true });
  add(
    'chart/templates/service.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  ports: [{port: {{ .Values.port }}}]\n',
    { nothing: true },
  );
  writeFileSync(join(outside, 'secret.yaml'), service('outside-secret'));
  // Read by nothing: a .gitignore outside the workspace, behind the link `outside`, is not one of its own.
  writeFileSync(join(outside, '.gitignore'), 'secret.yaml\n');
  return { files, expected };
}

/** Build the hostile workspace in a new temporary folder. */
export function makeHostileWorkspace(): HostileWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'podpath-hostile-'));
  const outside = mkdtempSync(join(tmpdir(), 'podpath-outside-'));
  const { files, expected } = cases(outside);
  for (const [path, content] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // A name that is not UTF-8 (byte 0xff), symbolic link loops, links out of the workspace, a FIFO.
  writeFileSync(Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff]), Buffer.from('-name.yaml')]), service('bad-name'));
  expected.push({ file: 'bad-\uFFFD-name.yaml', log: /not valid UTF-8/ });
  mkdirSync(join(root, 'loop'));
  symlinkSync('.', join(root, 'loop', 'self'));
  symlinkSync('b', join(root, 'loop', 'a'));
  symlinkSync('a', join(root, 'loop', 'b'));
  expected.push({ file: 'loop/a', log: /too many levels of symbolic links/ }, { file: 'loop/b', log: /too many levels of symbolic links/ });
  symlinkSync(outside, join(root, 'outside'));
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'outside.yaml'));
  symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
  expected.push(
    { file: 'outside', log: /outside the folder; not followed/ },
    { file: 'outside.yaml', log: /outside the folder; not followed/ },
    { file: 'dangling.yaml', log: /broken symbolic link/ },
  );
  if (spawnSync('mkfifo', [join(root, 'fifo.yaml')]).status === 0) expected.push({ file: 'fifo.yaml', log: /not a regular file/ });
  return {
    root,
    outside,
    expected,
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}
