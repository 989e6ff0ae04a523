/**
 * The server's lifecycle when its client goes away: stdin closed without `shutdown` (the
 * editor crashed), the parent process (LSP `processId`) killed, and the orderly
 * `shutdown` + `exit`. The server must exit by itself, without a stack trace — each test
 * waits on the process's `exit` event, never on time.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { goodFile } from '../hostile/workspace';
import { removeDir, TestClient, uriOf } from './client';

let dir = '';
/** Every server started, so a failed test cannot leave one running. */
const servers: TestClient[] = [];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'podpath-lifecycle-'));
  mkdirSync(join(dir, 'good'));
  writeFileSync(join(dir, 'good/web.yaml'), goodFile);
});

after(() => {
  for (const c of servers) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill();
  removeDir(dir);
});

/** A server that has indexed the folder and answered a request: alive and well. */
async function started(processId?: number): Promise<TestClient> {
  const c = await TestClient.start({ folders: [dir], ...(processId !== undefined ? { processId } : {}) });
  servers.push(c);
  await c.ready();
  await c.pushed(uriOf(join(dir, 'good/web.yaml')), (d) => d.length > 0);
  return c;
}

// A safety net, not a measure: a behaviour that never comes fails the suite instead of hanging it.
describe('when the client goes away', { timeout: 300_000 }, () => {
  test('stdin closed without shutdown (the editor crashed): the server exits by itself', async () => {
    const c = await started();
    c.child.stdin!.end();
    const { code, signal } = await c.exited();
    assert.equal(signal, null, 'not killed: it exits');
    assert.equal(code, 1, 'exit without shutdown is status 1 (LSP)');
    assert.doesNotMatch(c.serverStderr, /\n\s+at |Error/);
    c.conn.dispose();
  });

  test('the parent process named by processId dies: the server exits by itself', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    const c = await started(parent.pid!);
    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL');
    await parentGone;
    // The server polls for its parent (every few seconds) and leaves when it is gone; stdin stays open.
    const { code, signal } = await c.exited();
    assert.equal(signal, null);
    assert.equal(code, 1);
    assert.doesNotMatch(c.serverStderr, /\n\s+at |Error/);
    c.conn.dispose();
  });

  test('shutdown then exit: the server exits with status 0', async () => {
    const c = await started();
    await c.conn.sendRequest('shutdown');
    await c.conn.sendNotification('exit');
    const { code, signal } = await c.exited();
    assert.deepEqual({ code, signal }, { code: 0, signal: null });
    c.conn.dispose();
  });

  test('a request after shutdown is refused, and the server still exits on exit', async () => {
    const c = await started();
    await c.conn.sendRequest('shutdown');
    await assert.rejects(
      c.hover(uriOf(join(dir, 'good/web.yaml')), { line: 0, character: 0 }),
      (e: unknown) => (e as { code?: number }).code === -32600,
    );
    await c.conn.sendNotification('exit');
    assert.equal((await c.exited()).code, 0);
    c.conn.dispose();
  });
});
