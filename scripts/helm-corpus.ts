// Scores the Helm renderer on a corpus of real `helm template` outputs.
// Usage: HELM_CORPUS=../shared/corpus/helm node --import tsx scripts/helm-corpus.ts [case-name-filter] [--diff]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCase } from '../test/helm/corpus';

const root = process.env['HELM_CORPUS'];
if (!root) {
  console.error('set HELM_CORPUS to the corpus folder (the one holding cases/)');
  process.exit(2);
}
const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
const showDiff = process.argv.includes('--diff');
const dirs = readdirSync(join(root, 'cases'))
  .filter((d) => d.includes(filter))
  .sort();
let docs = 0;
let equal = 0;
let sameObjects = 0;
let bytes = 0;
let byteCases = 0;
let slowest = { name: '', ms: 0 };
for (const d of dirs) {
  const s = runCase(join(root, 'cases', d));
  docs += s.docs;
  equal += s.equalDocs;
  if (s.sameObjects) sameObjects++;
  if (s.byteEqual !== null) {
    byteCases++;
    if (s.byteEqual) bytes++;
  }
  if (s.ms > slowest.ms) slowest = { name: d, ms: s.ms };
  const ok = s.sameObjects && s.equalDocs === s.docs;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${d}: objects ${s.sameObjects ? 'same' : 'DIFFER'}, docs ${s.equalDocs}/${s.docs}${s.byteEqual === null ? '' : s.byteEqual ? ', byte-equal' : ', bytes differ'} (${s.ms.toFixed(0)} ms)`,
  );
  if (!ok || showDiff) {
    if (s.missing.length) console.log('   missing:', s.missing.join(', '));
    if (s.extra.length) console.log('   extra:', s.extra.join(', '));
    for (const f of s.findings.slice(0, 5)) console.log('   finding:', f);
    for (const x of s.differing.slice(0, showDiff ? 50 : 2)) {
      const el = x.expected.split('\n');
      const al = x.actual.split('\n');
      const i = el.findIndex((l, k) => l !== al[k]);
      console.log(
        `   differs ${x.key} at line ${i + 1}:\n     want: ${JSON.stringify(el.slice(i, i + 3).join('\n'))}\n     got:  ${JSON.stringify(al.slice(i, i + 3).join('\n'))}`,
      );
    }
  }
}
console.log(
  `\n${dirs.length} cases: same objects in ${sameObjects}; documents equal ${equal}/${docs} (${((100 * equal) / Math.max(docs, 1)).toFixed(1)}%); byte-equal ${bytes}/${byteCases}; slowest ${slowest.name} ${slowest.ms.toFixed(0)} ms`,
);
