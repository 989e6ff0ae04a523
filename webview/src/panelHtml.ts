/**
 * The panel's HTML shell and its Content Security Policy, in one pure function so the
 * extension (client/src/trafficPanel.ts) and the headless-browser tests serve the very
 * same page. No inline script, no inline style: the script and the `<style>` it creates
 * are allowed by a fresh nonce; everything else is denied.
 */

export interface PanelHtmlOptions {
  /** `webview.cspSource` (or the test server's origin). */
  cspSource: string;
  /** A fresh random nonce per render. */
  nonce: string;
  /** URL of dist/webview.js (`asWebviewUri` in the extension). */
  scriptUri: string;
  title?: string;
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The CSP: nothing by default; scripts and styles only by nonce (styles also from cspSource). */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The whole page: the CSP meta, an empty body, and the bundled script. */
export function panelHtml(o: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(o.nonce)) throw new Error('nonce must be base64/hex');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${attr(o.title ?? 'Traffic path')}</title>
</head>
<body>
<script nonce="${o.nonce}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
