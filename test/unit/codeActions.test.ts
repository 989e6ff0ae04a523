/** codeActions: a finding's fixes, and the ignore comments. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { codeActionsFor } from '../../server/src/core/features/codeActions';
import { diagnosticsOf } from '../../server/src/core/features/diagnostics';
import { SVC, shop, at } from './shop';

describe('codeActions', () => {
  const broken = { ...shop, 'svc.yaml': SVC.replace('targetPort: http', 'targetPort: 9090') };
  const apply = (text: string, edits: { span: readonly [number, number]; newText: string }[]): string =>
    [...edits].sort((a, b) => b.span[0] - a.span[0]).reduce((t, e) => t.slice(0, e.span[0]) + e.newText + t.slice(e.span[1]), text);
  it('offers the rule fixes, then ignore here and in this file', () => {
    const { index, file } = at('svc.yaml', 'kind', 0, broken);
    const ds = diagnosticsOf(index, file).filter((d) => d.rule === 'service-target-port-not-found');
    const titles = codeActionsFor(file, ds).map((a) => a.title);
    assert.ok(titles.length >= 3, titles.join(' | '));
    assert.deepEqual(titles.slice(-2), ['Ignore service-target-port-not-found here', 'Ignore service-target-port-not-found in this file']);
  });
  it('ignore here: a comment above, at the line indentation, that silences the finding', () => {
    const { index, file } = at('svc.yaml', 'kind', 0, broken);
    const d = diagnosticsOf(index, file).find((x) => x.rule === 'service-target-port-not-found')!;
    const ignore = codeActionsFor(file, [d]).find((a) => a.title.endsWith('here'))!;
    const text = apply(file.text, ignore.edits);
    assert.match(text, /\n      # podpath-ignore service-target-port-not-found\n      targetPort: 9090/);
    const again = at('svc.yaml', 'kind', 0, { ...broken, 'svc.yaml': text });
    assert.deepEqual(
      diagnosticsOf(again.index, again.file).filter((x) => x.rule === d.rule),
      [],
    );
  });
  it('ignore here merges into an ignore comment already above', () => {
    const text = SVC.replace('      targetPort: http', '      # podpath-ignore port-name-invalid\n      targetPort: 9090');
    const { index, file } = at('svc.yaml', 'kind', 0, { ...shop, 'svc.yaml': text });
    const d = diagnosticsOf(index, file).find((x) => x.rule === 'service-target-port-not-found')!;
    const ignore = codeActionsFor(file, [d]).find((a) => a.title.endsWith('here'))!;
    assert.match(apply(file.text, ignore.edits), /# podpath-ignore port-name-invalid,service-target-port-not-found\n/);
  });
  it('no ignore-here comment inside a block scalar, where it would be data (config.json); ignore in this file stays', () => {
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\ndata:\n  config.json: |\n    {\n      "web": "web.shop.svc:8080"\n    }\n';
    const { index, file } = at('cm.yaml', 'kind', 0, { ...shop, 'cm.yaml': cm });
    const d = diagnosticsOf(index, file).find((x) => x.rule === 'service-reference-port-not-found')!;
    assert.ok(d, 'the wrong port in the JSON is reported');
    assert.deepEqual(
      codeActionsFor(file, [d])
        .map((a) => a.title)
        .filter((t) => t.startsWith('Ignore')),
      ['Ignore service-reference-port-not-found in this file'],
    );
  });
});
