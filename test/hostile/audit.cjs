// Preloaded (`node --require`) into the CLI or the language server under test. It records,
// one JSON line each in the file named by $PODPATH_AUDIT, every file or folder the process
// opens, reads or lists, everything it writes, and every attempt to run a program, which
// it also refuses. Node's own module loading goes around these functions, so what is left
// is what podpath's code asks for. Also records the peak RSS at exit.
'use strict';
const fs = require('node:fs');
const cp = require('node:child_process');

// One descriptor, opened before anything is wrapped; writeSync itself is never wrapped.
const fd = process.env.PODPATH_AUDIT ? fs.openSync(process.env.PODPATH_AUDIT, 'a') : undefined;
const write = fs.writeSync;
const append = (entry) => {
  if (fd !== undefined) write(fd, JSON.stringify(entry) + '\n');
};
const record = (op, path) => {
  append({ op, path: path instanceof URL ? path.pathname : String(path) });
};

const wrap = (obj, names, op, refuse) => {
  for (const name of names) {
    const original = obj[name];
    if (typeof original !== 'function') continue;
    obj[name] = function audited(first, ...rest) {
      record(`${op}:${name}`, first);
      if (refuse) throw new Error(`podpath audit: ${name} refused`);
      return original.call(this, first, ...rest);
    };
  }
};

wrap(fs, ['open', 'openSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'createReadStream'], 'read');
wrap(fs.promises, ['open', 'readFile', 'readdir', 'opendir'], 'read');
wrap(
  fs,
  [
    'writeFile',
    'writeFileSync',
    'appendFile',
    'appendFileSync',
    'mkdir',
    'mkdirSync',
    'rm',
    'rmSync',
    'unlink',
    'unlinkSync',
    'rename',
    'renameSync',
    'createWriteStream',
  ],
  'write',
);
wrap(fs.promises, ['writeFile', 'appendFile', 'mkdir', 'rm', 'unlink', 'rename'], 'write');
wrap(cp, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'run', true);

process.on('exit', () => append({ op: 'maxRSS', kb: process.resourceUsage().maxRSS }));
