/**
 * The picture's stylesheet, generated from one palette. In the webview every colour is a
 * VS Code theme variable (light, dark, high contrast) with a fallback; in a standalone
 * SVG file the fallbacks are written out literally, because many SVG viewers (image
 * previews, Inkscape, rsvg) ignore CSS custom properties.
 */

interface Swatch {
  /** VS Code theme variables, first defined wins. */
  vars: string[];
  light: string;
}

const PALETTE: Record<string, Swatch> = {
  fg: { vars: ['--vscode-editor-foreground'], light: '#1f2328' },
  bg: { vars: ['--vscode-editor-background'], light: '#ffffff' },
  muted: { vars: ['--vscode-descriptionForeground'], light: '#59636e' },
  boxBg: { vars: ['--vscode-editorWidget-background'], light: '#f6f8fa' },
  boxBorder: { vars: ['--vscode-contrastBorder', '--vscode-editorWidget-border'], light: '#c9d1d9' },
  focus: { vars: ['--vscode-focusBorder'], light: '#0969da' },
  ok: { vars: ['--vscode-editorCodeLens-foreground'], light: '#7d8590' },
  broken: { vars: ['--vscode-editorError-foreground'], light: '#cf222e' },
  blocked: { vars: ['--vscode-editorWarning-foreground'], light: '#bc4c00' },
  unknown: { vars: ['--vscode-disabledForeground'], light: '#8c959f' },
  wayin: { vars: ['--vscode-charts-blue'], light: '#0969da' },
  service: { vars: ['--vscode-charts-purple'], light: '#8250df' },
  pod: { vars: ['--vscode-charts-green'], light: '#1a7f37' },
  container: { vars: ['--vscode-terminal-ansiCyan'], light: '#1b7c83' },
  policy: { vars: ['--vscode-charts-orange'], light: '#bc4c00' },
};

const FONT_SANS = `var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif)`;
const FONT_MONO = `var(--vscode-editor-font-family, ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace)`;
const FONT_SANS_PLAIN = `system-ui, -apple-system, "Segoe UI", Ubuntu, "DejaVu Sans", sans-serif`;
const FONT_MONO_PLAIN = `ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace`;

function colour(name: string, themed: boolean): string {
  const s = PALETTE[name];
  if (!s) throw new Error(`no colour ${name}`);
  if (!themed) return s.light;
  return s.vars.reduceRight((fallback, v) => `var(${v}, ${fallback})`, s.light);
}

/**
 * CSS for the drawn tree (classes from draw.ts). `themed`: VS Code variables (webview)
 * or literal colours (standalone file).
 */
export function pictureCss(themed: boolean): string {
  const c = (n: string): string => colour(n, themed);
  const sans = themed ? FONT_SANS : FONT_SANS_PLAIN;
  const mono = themed ? FONT_MONO : FONT_MONO_PLAIN;
  const cats = ['wayin', 'service', 'pod', 'container', 'policy']
    .map((k) => `.cat-${k}{--pp-accent:${c(k)}}.cat-${k} .pp-stripe,.pp-legend .cat-${k}{fill:${c(k)}}`)
    .join('\n');
  return `
.pp-svg{font-family:${sans};color:${c('fg')}}
.pp-bg{fill:${c('bg')}}
.pp-title{font-size:15px;font-weight:600;fill:${c('fg')}}
.pp-subtitle{font-size:12px;fill:${c('muted')}}
.pp-column-title{font-size:11px;font-weight:600;letter-spacing:.06em;text-transform:uppercase;fill:${c('muted')}}
.pp-column-rule{stroke:${c('boxBorder')};stroke-width:1}
.pp-box{fill:${c('boxBg')};stroke:${c('boxBorder')};stroke-width:1}
.pp-node.has-broken .pp-box{stroke:${c('broken')};stroke-width:1.5}
.pp-node.has-blocked .pp-box{stroke:${c('blocked')};stroke-width:1.5}
.pp-node.group .pp-box{stroke-dasharray:4 3}
.pp-caption{font-size:10px;font-weight:600;fill:${c('muted')}}
.pp-label{font-family:${mono};font-size:12px;fill:${c('fg')}}
.pp-detail{font-family:${mono};font-size:11px;fill:${c('muted')}}
${cats}
.pp-edge-line{fill:none;stroke-width:1.6;stroke:${c('ok')}}
.pp-edge.broken .pp-edge-line{stroke:${c('broken')};stroke-width:2.2;stroke-dasharray:7 4}
.pp-edge.blocked .pp-edge-line{stroke:${c('blocked')};stroke-width:2.2;stroke-dasharray:2 3}
.pp-edge.unknown .pp-edge-line{stroke:${c('unknown')};stroke-dasharray:5 4}
.pp-edge.selects .pp-edge-line{stroke:${c('policy')};stroke-width:1.2;stroke-dasharray:none;stroke-opacity:.8}
.pp-arrow.policy{fill:${c('policy')}}
.pp-edge-hit{fill:none;stroke:transparent;stroke-width:10}
.pp-arrow.ok{fill:${c('ok')}}.pp-arrow.broken{fill:${c('broken')}}.pp-arrow.blocked{fill:${c('blocked')}}.pp-arrow.unknown{fill:${c('unknown')}}
.pp-edge-label rect{fill:${c('bg')};fill-opacity:.92;stroke:${c('boxBorder')};stroke-width:.75}
.pp-edge-label text{font-family:${mono};font-size:11px;fill:${c('fg')}}
.pp-edge-label .reason{fill:${c('muted')}}
.pp-edge-label.broken rect{stroke:${c('broken')}}.pp-edge-label.broken .status,.pp-edge-label.broken .reason{fill:${c('broken')}}
.pp-edge-label.blocked rect{stroke:${c('blocked')}}.pp-edge-label.blocked .status,.pp-edge-label.blocked .reason{fill:${c('blocked')}}
.pp-edge-label .status{font-weight:600}
.pp-legend text,.pp-diagnostics text{font-size:11px;fill:${c('muted')}}
.pp-legend .pp-edge-line{stroke-width:2}
.pp-diagnostics .error{fill:${c('broken')}}.pp-diagnostics .warning{fill:${c('blocked')}}
`;
}

/** Extra rules only the interactive panel needs: focus, hover, the toolbar. */
export function panelCss(): string {
  const c = (n: string): string => colour(n, true);
  return `
html,body{margin:0;padding:0;height:100%;overflow:hidden;background:${c('bg')};color:${c('fg')};font-family:${FONT_SANS};font-size:13px}
#pp-app{display:flex;flex-direction:column;height:100%}
.pp-toolbar{display:flex;gap:6px;align-items:center;padding:6px 10px;border-bottom:1px solid ${c('boxBorder')}}
.pp-toolbar .pp-spacer{flex:1}
.pp-toolbar-title{font-weight:600}
.pp-toolbar button{font:inherit;color:var(--vscode-button-secondaryForeground, ${c('fg')});background:var(--vscode-button-secondaryBackground, #e7ebef);border:1px solid var(--vscode-button-border, transparent);border-radius:3px;padding:3px 10px;cursor:pointer}
.pp-toolbar button:hover{background:var(--vscode-button-secondaryHoverBackground, #d5dbe1)}
.pp-toolbar button:focus-visible{outline:1px solid ${c('focus')};outline-offset:1px}
.pp-toolbar button[hidden]{display:none}
.pp-stage{flex:1;position:relative;min-height:0}
.pp-canvas{width:100%;height:100%;display:block;cursor:grab}
.pp-canvas:active{cursor:grabbing}
.pp-empty{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:24px;text-align:center;color:${c('muted')}}
.pp-empty[hidden]{display:none}
.pp-hint{position:absolute;left:10px;bottom:8px;font-size:11px;color:${c('muted')};pointer-events:none}
.pp-hint[hidden]{display:none}
.pp-node.revealable,.pp-node.group{cursor:pointer}
.pp-node.revealable:hover .pp-box,.pp-node.group:hover .pp-box{stroke:${c('focus')};stroke-width:1.5}
.pp-node:focus{outline:none}
.pp-node:focus-visible .pp-box{stroke:${c('focus')};stroke-width:2.5}
.pp-edge:hover .pp-edge-line{stroke-width:3}
body.vscode-high-contrast .pp-box,body.vscode-high-contrast .pp-edge-line{stroke-width:2}
`;
}
