// `npm start`: run the built CLI on the bundled examples/ workspace — its findings, then
// the traffic path of one Service. The check exits 1 because examples/ has mistakes on
// purpose; that is the point of the demo, so only exit status 2 (a real failure) fails.
import { spawnSync } from 'node:child_process';

const run = (title, args) => {
  console.log(`\n$ podpath ${args.join(' ')}    # ${title}\n`);
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (r.status === 2 || r.status === null) process.exit(2);
};
run('the findings', ['check', 'examples/']);
run('one traffic path', ['trace', 'examples/', '--service', 'shop/frontend']);
