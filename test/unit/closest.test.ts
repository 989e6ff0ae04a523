/** "Did you mean": the bounded edit distance agrees with the textbook one, and the closest names come best first. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closestNames, editDistance, maxCompared, NameIndex, type ClosestStats } from '../../server/src/core/links/closest';
import { nameGen, typo } from '../hostile/shapes';
import { serviceNameIndex } from '../../server/src/core/links/network';
import { indexOf, uriOf } from './helpers';

/** Levenshtein distance, the whole table. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('is the Levenshtein distance, or max+1 once that is exceeded', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', 'é'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 14 }), (a, b, max) => {
        const d = levenshtein(a, b);
        const got = editDistance(a, b, max);
        assert.ok(d <= max ? got === d : got > max, `${a} ${b} max ${max}: ${got}, want ${d}`);
        assert.equal(editDistance(a, b), d);
      }),
      { numRuns: 2000 },
    );
  });

  it('suggests the nearest names first', () => {
    assert.deepEqual(closestNames('checkuot', ['checkout', 'cart', 'checkout-v2', 'payment']), ['checkout']);
    assert.deepEqual(closestNames('api', ['web', 'api-svc', 'apx']), ['apx', 'api-svc']);
    assert.deepEqual(closestNames('web', ['web', 'api']), []);
  });

  it('compares a name with a bounded number of candidates, however many there are, and still finds the typo', () => {
    // The did-you-mean shape of issue 16: thousands of 60-character names, each asked about once.
    const gen = nameGen(3);
    const names = Array.from({ length: 4000 }, () => gen(60));
    const index = new NameIndex(names);
    const stats: ClosestStats = { compared: 0 };
    for (const n of names.slice(0, 200)) {
      const before = stats.compared;
      assert.equal(index.closest(typo(n), 3, stats)[0], n);
      assert.ok(stats.compared - before <= maxCompared, `${stats.compared - before} candidates compared`);
    }
  });

  it('finds a typo that shares no trigram with its name among many of the same length', () => {
    const names = Array.from({ length: 500 }, (_, i) => `svc${String(i).padStart(4, '0')}`).concat(['ab']);
    const stats: ClosestStats = { compared: 0 };
    assert.deepEqual(new NameIndex(names).closest('ba', 3, stats), ['ab']);
    assert.ok(stats.compared <= maxCompared);
  });

  it('finds a name containing the one asked about among many', () => {
    const names = Array.from({ length: 500 }, (_, i) => `other-${i}`).concat(['payments-api-v2']);
    assert.deepEqual(closestNames('payments', names), ['payments-api-v2']);
  });
});

describe('the Service names index of a namespace', () => {
  it('is made again only when an edit changed the names, not when it changed a Service otherwise', () => {
    const index = indexOf({
      'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: checkout\nspec:\n  ports:\n    - port: 80\n',
      'b.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: payments\nspec:\n  ports:\n    - port: 80\n',
    });
    const names = (): NameIndex => serviceNameIndex(index.lookup(), 'default');
    const first = names();
    assert.deepEqual(first.closest('checkuot'), ['checkout']);
    index.setFile(uriOf('a.yaml'), 'a.yaml', index.getFile(uriOf('a.yaml'))!.text.replace('port: 80', 'port: 81'), 2);
    assert.equal(names(), first, 'a port changed: the same index');
    index.setFile(uriOf('a.yaml'), 'a.yaml', index.getFile(uriOf('a.yaml'))!.text.replace('checkout', 'cart'), 3);
    const renamed = names();
    assert.notEqual(renamed, first);
    assert.deepEqual(renamed.closest('crat'), ['cart']);
    assert.deepEqual(renamed.closest('checkuot'), []);
  });
});
