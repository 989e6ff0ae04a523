/** The client's answer to a crashing server: restart a few times, say so, then stop and say how to go on. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RestartPolicy } from '../../client/src/restartPolicy';

describe('RestartPolicy', () => {
  test('restarts four times within three minutes, saying so each time, then gives up and says how to try again', () => {
    let now = 0;
    const p = new RestartPolicy(4, 180_000, () => now);
    const decisions = Array.from({ length: 5 }, () => {
      now += 1000;
      return p.closed();
    });
    assert.deepEqual(
      decisions.map((d) => d.restart),
      [true, true, true, true, false],
    );
    assert.deepEqual(
      decisions.slice(0, 4).map((d) => /restarting it \((\d)\/4\)/.exec(d.message)?.[1]),
      ['1', '2', '3', '4'],
    );
    assert.match(decisions[4]!.message, /stopped 5 times in the last 3 minutes and will not be restarted.*Re-index Workspace/);
  });

  test('crashes far apart never add up to giving up', () => {
    let now = 0;
    const p = new RestartPolicy(4, 180_000, () => now);
    for (let i = 0; i < 50; i++) {
      now += 60_000;
      assert.equal(p.closed().restart, true, `crash ${i + 1}, a minute after the last`);
    }
  });

  test('after giving up, a start by the user counts from zero again', () => {
    const now = 0;
    const p = new RestartPolicy(2, 180_000, () => now);
    for (let i = 0; i < 3; i++) p.closed();
    assert.equal(p.closed().restart, false);
    p.reset();
    assert.deepEqual(p.closed(), { restart: true, message: 'The podpath language server stopped unexpectedly; restarting it (1/2).' });
  });
});
