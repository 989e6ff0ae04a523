/**
 * podpath end to end: the packaged extension (VSIX) in real VS Code (code-server 4.139.1,
 * VS Code 1.139.1), driven through Chromium. One code-server and one browser serve every
 * step; the steps build on each other in order (the quick fix edits a file, the panel
 * opened in step 4 is watched in steps 5 and 6).
 *
 * The workspace is test/fixtures/e2e-workspace (namespace `shop`), copied to a temporary
 * folder. Provisioning: scripts/provision-e2e.sh (run automatically when its cache is missing).
 * Every step leaves a screenshot in test-results/e2e/ (printed as it goes); a failure also copies
 * the workbench logs (extension host, podpath's output channels, code-server) to test-results/e2e/logs/.
 */
import { after, before, describe, it } from 'node:test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listExtensions } from './codeServer';
import { readPanel } from './panelDom';
import { STARTUP_TIMEOUT, extensionId, fixtureWorkspace, log, repoRoot } from './provision';
import { check, step, waitUntil } from './steps';
import { Workbench, type Launched } from './workbench';

const STEP_TIMEOUT = 5 * 60_000;
const RULE = 'service-target-port-not-found';
/** The traffic-path panel's title for Service web (viewType podpath.trafficPath), per the UI contract. */
const PANEL_TITLE = 'podpath: web';

/**
 * A node of the path by kind. The contract names the kind class `node-<kind>`; the webview
 * draws `kind-<kind>`: either is accepted (nodes are `[data-node-id]` elements in both).
 */
const nodeOfKind = (kind: string) => `svg [data-node-id].node-${kind}, svg [data-node-id].kind-${kind}`;
/**
 * A broken edge of the path: class `broken` on an edge element (it carries data-edge-id or
 * data-from). Arrow markers in <defs> and the legend's sample edge carry `broken` too, in
 * every graph, so a bare `.broken` proves nothing.
 */
const BROKEN_EDGE = 'svg [data-edge-id].broken, svg [data-from].broken';

/** 1-based line numbers in a fixture file, found by pattern (keeps the test independent of layout). */
function fixtureLine(file: string, pattern: RegExp, from = 1): number {
  const lines = readFileSync(join(fixtureWorkspace, file), 'utf8').split('\n');
  for (let i = from - 1; i < lines.length; i++) if (pattern.test(lines[i] ?? '')) return i + 1;
  throw new Error(`fixture ${file} has no line matching ${pattern}`);
}

describe('podpath in VS Code (code-server + Chromium)', () => {
  let launched: Launched | undefined;
  let failed = false;
  const wb = (): Workbench => {
    check(launched, 'the workbench did not start (see the "before" hook failure above)');
    return launched.workbench;
  };
  /** One scenario step: a node:test case whose body runs inside `step` (screenshot on failure). */
  const scenario = (name: string, fn: () => Promise<void>) =>
    it(name, { timeout: STEP_TIMEOUT }, async () => {
      try {
        await step(name, async () => {
          await wb().closeTransientUi();
          await fn();
        });
      } catch (err) {
        failed = true;
        throw err;
      }
    });

  before(
    async () => {
      try {
        launched = await Workbench.launch();
      } catch (err) {
        failed = true;
        throw err;
      }
    },
    { timeout: 20 * 60_000 },
  );

  after(async () => {
    await launched?.workbench.close({ saveLogs: failed });
  });

  scenario('smoke: the workbench shows the workspace and podpath is installed', async () => {
    const installed = listExtensions(launched!.provisioned, launched!.server.extensionsDir);
    check(installed.includes(extensionId()), `code-server --list-extensions lacks ${extensionId()}`, installed);
    const page = wb().page;
    await waitUntil(page, 'the explorer to list the fixture folders and files', async () => {
      const rows = (await page.locator('.explorer-folders-view .monaco-list-row').allTextContents()).map((t) => t.trim());
      return ['apps', 'ingress', 'services', 'namespace.yaml'].every((n) => rows.includes(n)) ? rows : false;
    });
  });

  scenario('1. hover on a named targetPort shows the containerPort and its Deployment', async () => {
    await wb().openFile('services/web-svc.yaml');
    const text = await wb().hover(
      /^\s*targetPort:\s*http\s*$/,
      'http',
      (t) => t.includes('containerPort') && t.includes('8080') && t.includes('Deployment web'),
      'a hover mentioning "containerPort", "8080" and "Deployment web"',
    );
    check(/containerPort/.test(text), 'hover lacks containerPort', text);
    await page().keyboard.press('Escape');
  });

  scenario(`2. Problems lists ${RULE} from podpath for a file that is not open`, async () => {
    const groups = await wb().waitForProblems(
      `a podpath ${RULE} problem under services/api-svc.yaml`,
      (gs) => {
        const g = gs.find((x) => x.file.includes('api-svc.yaml'));
        return g && g.markers.some((m) => m.includes(RULE) && m.includes('podpath')) ? gs : undefined;
      },
      STARTUP_TIMEOUT,
    );
    // The rest of the workspace is correct: no podpath finding anywhere else.
    const elsewhere = groups.filter((g) => !g.file.includes('api-svc.yaml') && g.markers.some((m) => m.includes('podpath')));
    check(elsewhere.length === 0, 'podpath reports findings on files of the fixture that are correct', elsewhere);
  });

  scenario('3. the quick fix "change targetPort to 8080" fixes services/api-svc.yaml', async () => {
    await wb().openFile('services/api-svc.yaml');
    // The Service's code lens is drawn above it once the server answers; it moves the lines down.
    await wb().codeLens('Show traffic path').waitFor({ state: 'visible', timeout: STARTUP_TIMEOUT });
    await wb().clickText(/^\s*targetPort:\s*9090\s*$/, '9090');
    const title = await wb().applyQuickFix('8080');
    check(/targetPort/i.test(title), `the chosen quick fix does not mention targetPort: "${title}"`);
    await wb().waitForEditorText('services/api-svc.yaml to read "targetPort: 8080"', (t) => /^\s*targetPort: 8080\s*$/m.test(t));
    await wb().waitForProblems(`the ${RULE} problem of services/api-svc.yaml to disappear`, (gs) =>
      gs.some((g) => g.file.includes('api-svc.yaml') && g.markers.some((m) => m.includes(RULE))) ? undefined : true,
    );
    await wb().save();
    const onDisk = readFileSync(join(wb().workspace, 'services', 'api-svc.yaml'), 'utf8');
    check(/^\s*targetPort: 8080\s*$/m.test(onDisk), 'services/api-svc.yaml on disk does not hold the fix', onDisk);
  });

  scenario('4. the "Show traffic path" code lens opens the panel with the path and its ports', async () => {
    await wb().openFile('services/web-svc.yaml');
    const lens = wb().codeLens('Show traffic path');
    await lens.waitFor({ state: 'visible', timeout: STARTUP_TIMEOUT });
    await lens.click();
    // The session's first webview also starts code-server's webview service worker: startup time.
    const frame = await wb().webviewFrame(PANEL_TITLE, STARTUP_TIMEOUT);
    const texts = await waitUntil(page(), 'the panel SVG to show 30080, 80, 8080, web and nginx', async () => {
      const all = (await frame.locator('svg text').allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
      const joined = all.join(' \n ');
      const ok =
        /\b30080\b/.test(joined) &&
        /(^|[^0-9])80([^0-9]|$)/.test(joined) &&
        /\b8080\b/.test(joined) &&
        /\bweb\b/.test(joined) &&
        /\bnginx\b/.test(joined);
      return ok ? all : false;
    });
    check(texts.length > 0, 'the panel SVG has no text');
    const nodes = await frame.locator('svg [data-node-id]').count();
    check(nodes >= 4, `the panel SVG has ${nodes} elements with data-node-id; expected the path's nodes (≥ 4)`);
    check((await frame.locator(nodeOfKind('container')).count()) > 0, 'the panel SVG has no container node (class node-container)');
    check((await frame.locator(nodeOfKind('pod')).count()) > 0, 'the panel SVG has no pod node (class node-pod)');
    check((await frame.locator(BROKEN_EDGE).count()) === 0, 'the panel shows a broken edge on a correct workspace');
    // The HTTPRoute's way in starts at the Gateway listener, with its port and hostname.
    const listener = frame.locator(nodeOfKind('gateway-listener')).first();
    await listener.waitFor({ state: 'attached' });
    const said = (await listener.locator('text').allTextContents()).join(' ').replace(/\u00a0/g, ' ');
    check(/:443\b/.test(said) && /\*\.example\.com/.test(said), `the Gateway listener node does not show its port and hostname: "${said}"`);
  });

  scenario(
    '4b. opened by the code lens in the side group, no node label is drawn below 11 px (else the panel says what is out of view)',
    async () => {
      // The code lens opens the panel beside the editor, in the default side group: half the window.
      const panelGroup = await wb().groupOfTab(PANEL_TITLE);
      const editorGroup = await wb().groupOfTab('web-svc.yaml');
      check(panelGroup && editorGroup, 'the panel or services/web-svc.yaml is in no editor group', { panelGroup, editorGroup });
      check(panelGroup.x >= editorGroup.x + editorGroup.width - 2, 'the panel did not open in the group beside the editor', {
        panelGroup,
        editorGroup,
      });
      const r = await readPanel(await wb().webviewFrame(PANEL_TITLE));
      log(
        `panel ${r.width}×${r.height} px beside the editor: ${r.labels} node labels, the smallest drawn at ${r.minLabelPx.toFixed(1)} px ` +
          `(text box ${r.minLabelBoxPx.toFixed(1)} px high)${r.hidden ? `; the panel says "${r.hint}"` : '; every node in view'}`,
      );
      check(r.labels >= 4, `the panel draws ${r.labels} node labels; expected the path's nodes (≥ 4)`);
      check(
        r.minLabelPx >= 11 - 0.05,
        `the smallest node label is drawn at ${r.minLabelPx.toFixed(2)} px on screen (at least 11 px, scrolling instead)`,
        r,
      );
      if (r.hidden)
        check(/^\d+ of \d+ nodes out of view/.test(r.hint), 'part of the path is out of view and the panel does not say how much', r);
      else check(r.hint === '', 'the whole path is in view, yet the panel says part is hidden', r);
    },
  );

  scenario('5. clicking the container node reveals apps/web.yaml at the container', async () => {
    const frame = await wb().webviewFrame(PANEL_TITLE);
    // The panel never shrinks the path below a readable size, so the container may be out of
    // view: focusing it (as Tab or the arrow keys do) pans it in, and a click opens its YAML.
    const node = frame.locator(nodeOfKind('container')).filter({ hasText: 'nginx' }).first();
    await node.waitFor({ state: 'attached' });
    await node.focus();
    await node.click();
    await wb().waitForActiveEditor('apps/web.yaml');
    const tab = await wb().activeTabLabel();
    check(tab.startsWith('web'), `the active tab is "${tab}", expected web.yaml`);
    // The container entry: from "- name: nginx" to the end of its port declaration.
    const first = fixtureLine('apps/web.yaml', /^\s*- name: nginx\s*$/);
    const last = fixtureLine('apps/web.yaml', /^\s*protocol: TCP\s*$/, first);
    await wb().waitForCursorLine(`the cursor on the nginx container (lines ${first}–${last})`, (l) => l >= first && l <= last);
  });

  scenario('6. a wrong targetPort shows in Problems and breaks the edge in the open panel', async () => {
    await wb().openFile('services/web-svc.yaml');
    await wb().selectWord(/^\s*targetPort:\s*http\s*$/, 'http');
    await page().keyboard.type('http2');
    await wb().waitForEditorText('services/web-svc.yaml to read "targetPort: http2"', (t) => /^\s*targetPort: http2\s*$/m.test(t));
    await wb().waitForProblems(
      `a ${RULE} problem under services/web-svc.yaml`,
      (gs) =>
        gs.some((g) => g.file.includes('web-svc.yaml') && g.markers.some((m) => m.includes(RULE) && m.includes('podpath'))) || undefined,
    );
    check(
      await page().locator('.tab').filter({ hasText: PANEL_TITLE }).first().isVisible(),
      `the "${PANEL_TITLE}" panel is no longer open after editing the Service`,
    );
    await wb().webviewFrame(PANEL_TITLE); // still shown (fails here if editing hid or closed it)
    let classes: string[] = [];
    await waitUntil(page(), 'an element with class "broken" in the panel SVG (without reopening the panel)', async () => {
      const frame = await wb().findWebviewFrame(); // re-read: new HTML replaces the content frame
      if (!frame) return false;
      classes = await frame
        .locator('svg [data-edge-id], svg [data-from]')
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('class') ?? ''))])
        .catch(() => classes);
      return (
        (await frame
          .locator(BROKEN_EDGE)
          .count()
          .catch(() => 0)) > 0
      );
    }).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n  classes of the SVG's edges: ${JSON.stringify(classes)}`);
    });
  });

  scenario('7. go to definition on an Ingress backend service name opens the Service', async () => {
    await wb().openFile('ingress/web.yaml');
    await wb().clickText(/^\s*name:\s*web\s*$/, 'web', { after: /^\s*service:\s*$/ });
    await page().keyboard.press('F12');
    await wb().waitForActiveEditor('services/web-svc.yaml');
    const nameLine = fixtureLine('services/web-svc.yaml', /^\s*name:\s*web\s*$/);
    await wb().waitForCursorLine(`the cursor at the Service web (lines 1–${nameLine})`, (l) => l >= 1 && l <= nameLine);
  });

  scenario('8. hover on a Helm template action shows the rendered value and the values.yaml line it came from', async () => {
    await wb().openFile('charts/catalog/templates/service.yaml');
    const valuesLine = fixtureLine('charts/catalog/values.yaml', /^\s*targetPort:\s*8080\s*$/);
    const text = await wb().hover(
      /^\s*targetPort:\s*\{\{ \.Values\.service\.targetPort \}\}\s*$/,
      'targetPort }}',
      (t) => t.includes('Rendered') && t.includes('8080') && t.includes(`values.yaml:${valuesLine}`),
      `a hover with the rendered 8080 and values.yaml:${valuesLine}`,
    );
    check(/\.Values\.service\.targetPort/.test(text), 'hover lacks the action of the chain', text);
    await page().keyboard.press('Escape');
  });

  scenario(
    '9. a kustomize base used by two overlays: Problems names both units, hover on the prefixed name shows its provenance',
    async () => {
      // Written now, so the steps above see the fixture as it is; the server picks the files up from disk.
      const files: Record<string, string> = {
        'overlays-demo/base/kustomization.yaml': 'resources:\n  - app.yaml\n',
        'overlays-demo/base/app.yaml': [
          'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n      targetPort: http\n',
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n        - name: api\n          image: api\n          ports:\n            - containerPort: 8080\n              name: web\n',
        ].join('---\n'),
        'overlays-demo/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../base\n',
        'overlays-demo/staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../base\n',
      };
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(wb().workspace, rel)), { recursive: true });
        writeFileSync(join(wb().workspace, rel), text);
      }
      const units = 'in overlays-demo/prod and overlays-demo/staging';
      await wb().waitForProblems(
        `one ${RULE} problem under overlays-demo/base/app.yaml naming both overlays`,
        (gs) => {
          const g = gs.find((x) => x.file.includes('app.yaml'));
          const found = g?.markers.filter((m) => m.includes(RULE)) ?? [];
          return found.length === 1 && found[0]!.includes(units) ? gs : undefined;
        },
        STARTUP_TIMEOUT,
      );
      await wb().openFile('overlays-demo/base/app.yaml');
      const text = await wb().hover(
        /^\s*name:\s*api\s*$/,
        'api',
        (t) => t.includes('prod-api') && t.includes('namePrefix'),
        'a hover saying the prod overlay made the name prod-api with its namePrefix',
      );
      check(/overlays-demo\/prod\/kustomization\.yaml:2/.test(text), 'the hover does not name the kustomization line of the prefix', text);
      await page().keyboard.press('Escape');
    },
  );

  scenario('10. the walkthrough shows every code sample of its pages whole, with no part cut off on the right', async () => {
    // Step 6 left services/web-svc.yaml edited: revert it, so closing asks nothing.
    await wb().openFile('services/web-svc.yaml');
    await wb().runCommand('File: Revert File');
    await wb().waitForEditorText('services/web-svc.yaml back to "targetPort: http"', (t) => /^\s*targetPort: http\s*$/m.test(t));
    await wb().runCommand('View: Close All Editor Groups');
    const walkthrough = await wb().openWalkthrough('Follow the traffic to your Pods');
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { id: string; media: { markdown: string } }[] }[] };
    };
    const box = await walkthrough.boundingBox();
    // Below 951 px VS Code hides the media column: the pages must fit where it is shown.
    check(
      !(await walkthrough.evaluate((e) => e.classList.contains('width-semi-constrained'))),
      'the walkthrough is too narrow to show its pages',
      box,
    );
    for (const s of pkg.contributes.walkthroughs[0]!.steps) {
      const heading = readFileSync(join(repoRoot, s.media.markdown), 'utf8').split('\n')[0]!.replace(/^# /, '');
      await walkthrough.locator(`.getting-started-step[data-step-id$="${s.id}"] .step-title`).first().click();
      const blocks = await waitUntil(page(), `the page of step ${s.id} ("${heading}") in the media column`, async () => {
        const frame = await wb().findWebviewFrame();
        if (!frame) return false;
        const shown = await frame
          .evaluate(() => ({
            h1: document.querySelector('h1')?.textContent ?? '',
            pre: [...document.querySelectorAll('pre')].map((p) => ({
              text: (p.textContent ?? '').split('\n').sort((a, b) => b.length - a.length)[0] ?? '',
              scroll: p.scrollWidth,
              width: p.clientWidth,
            })),
          }))
          .catch(() => undefined);
        return shown?.h1 === heading ? shown.pre : false;
      });
      log(
        `walkthrough ${Math.round(box?.width ?? 0)} px wide, step ${s.id}: ${blocks.map((b) => `${b.scroll}/${b.width} px`).join(', ') || 'no code'}`,
      );
      const cut = blocks.filter((b) => b.scroll > b.width + 1);
      check(cut.length === 0, `step ${s.id}: a code sample is wider than the media column (cut off on the right)`, cut);
    }
  });

  function page() {
    return wb().page;
  }
});
