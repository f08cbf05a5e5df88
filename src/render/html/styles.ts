/**
 * The report's one stylesheet. It is hashed into the Content Security Policy, so it must stay a constant: nothing
 * from a message ever goes in here, and the page has no `style` attributes (CSP Level 3 blocks them without
 * 'unsafe-inline').
 * @module
 */
import { GRADE_COLOR } from './palette.js';

/** The stylesheet text, exactly as placed between `<style>` and `</style>`. */
export const REPORT_CSS = `
:root{--ink:#1b1f24;--muted:#5b6470;--line:#d6dbe1;--bg:#f5f6f8;--card:#fff;--link:#0b57a4}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
main{max-width:1080px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:24px;margin:0 0 2px}
h2{font-size:18px;margin:30px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:0 0 8px;word-break:break-word}
h4{font-size:14px;margin:0 0 6px;word-break:break-word}
a{color:var(--link)}
p{margin:6px 0}
.muted{color:var(--muted)}
.sub{color:var(--muted);margin:0 0 14px}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0 4px;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card.wide{grid-column:1/-1}
.card .big{font-size:28px;font-weight:700;line-height:1.1}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:10px 0;overflow-x:auto}
.two{display:grid;grid-template-columns:1fr 1fr;gap:12px}
@media (max-width:900px){.two{grid-template-columns:1fr}}
.g{display:inline-block;min-width:1.9em;padding:0 .35em;border-radius:4px;border:1px solid #0006;text-align:center;font-weight:700;font-size:12px;line-height:1.5;color:#000;vertical-align:1px}
.g-A{background:${GRADE_COLOR.A}}
.g-B{background:${GRADE_COLOR.B}}
.g-C{background:${GRADE_COLOR.C}}
.g-F{background:${GRADE_COLOR.F}}
.g-none{background:repeating-linear-gradient(45deg,${GRADE_COLOR.none} 0 5px,#e7b6d2 5px 8px)}
.g-internal{background:#e8e8e8;color:#333;border:1px dashed #888}
.g-unknown{background:radial-gradient(circle,#777 1.2px,${GRADE_COLOR.unknown} 1.5px) 0 0/6px 6px}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 16px;padding:0;margin:6px 0 2px;font-size:12.5px}
table{border-collapse:collapse;width:100%}
table.list th,table.list td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.list th{font-size:12px;color:var(--muted);font-weight:600}
table.list td.num,table.list th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.list td.wrap{overflow-wrap:anywhere}
table.facts th{width:110px;text-align:left;color:var(--muted);font-weight:500;padding:2px 10px 2px 0;vertical-align:top}
table.facts td{padding:2px 0;word-break:break-word}
code{font:12px ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;background:#eef0f3;padding:0 3px;border-radius:3px}
pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;background:#f0f2f5;padding:8px;border-radius:6px;white-space:pre-wrap;word-break:break-all;margin:6px 0 0}
svg{overflow:visible}
svg.defs{position:absolute;width:0;height:0}
svg.share{width:100%;height:30px;display:block;margin:6px 0;border-radius:4px}
svg.chart,svg.hop-path{max-width:100%;height:auto;display:block}
svg.mini{vertical-align:middle}
rect.frame{fill:none;stroke:#0004;stroke-width:1}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
text.seg{font-size:11px;font-weight:700;fill:#000;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:2.5px;stroke-linejoin:round}
text.count{font-size:11px;fill:var(--muted);text-anchor:middle}
text.tail{font-size:11.5px;fill:var(--muted)}
tspan.sum{fill:var(--ink);font-weight:600}
text.axis{font-size:11px;fill:var(--muted)}
text.label{font-size:12px;fill:var(--ink)}
line.grid{stroke:#e3e6ea;stroke-width:1}
rect.empty{fill:#eee}
circle.node{fill:#1b1f24;stroke:#fff;stroke-width:2}
circle.node.hollow{fill:#fff;stroke:#1b1f24;stroke-width:2;stroke-dasharray:3 2}
line.seg-line{stroke-width:7}
line.seg-line.internal{stroke:#9aa1a9;stroke-width:3;stroke-dasharray:7 5}
rect.badge{stroke:#000;stroke-opacity:.55;stroke-width:1}
rect.badge.dashed{stroke-dasharray:4 3;stroke-width:2;stroke-opacity:1}
text.badge-text{font-size:13px;font-weight:800;fill:#000;text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
text.host{font-size:13px;font-weight:700;fill:var(--ink)}
tspan.when{font-weight:400;fill:var(--muted);font-size:12px}
text.hop-tls{font-size:12.5px;fill:var(--ink)}
text.hop-facts{font-size:12px;fill:var(--muted)}
g.hop.internal text.hop-tls{fill:var(--muted)}
section.message{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:16px 0}
.headline{font-size:15px;font-weight:600;margin:8px 0 4px;overflow-wrap:anywhere}
p.key{font-size:12px;margin:2px 0 8px}
.path-wrap{margin:12px 0 4px;overflow-x:auto}
ol.hops{list-style:none;padding:0;margin:8px 0 0;display:grid;gap:10px}
li.hop-card{border:1px solid var(--line);border-left:5px solid #1b1f24;border-radius:6px;padding:8px 12px}
li.hop-card.edge-A{border-left-color:${GRADE_COLOR.A}}
li.hop-card.edge-B{border-left-color:${GRADE_COLOR.B}}
li.hop-card.edge-C{border-left-color:${GRADE_COLOR.C}}
li.hop-card.edge-F{border-left-color:${GRADE_COLOR.F}}
li.hop-card.edge-none{border-left-color:${GRADE_COLOR.none}}
li.hop-card.edge-unknown{border-left-color:#8a8f96}
li.hop-card.internal{border-left-style:dashed;border-left-color:#9aa1a9;background:#fafbfc}
li.hop-card.unverifiable{border-left-style:dotted}
ul.reasons,ul.issues{margin:6px 0 0;padding-left:18px;font-size:13px}
ul.issues li.sev-error{color:#8a1c00}
ul.issues li.sev-warning{color:#6b4a00}
details summary{cursor:pointer;color:var(--muted);font-size:12.5px;margin-top:6px}
.back{font-size:12.5px;margin:8px 0 0}
footer{color:var(--muted);font-size:12px;margin-top:36px;border-top:1px solid var(--line);padding-top:8px}
@media print{
body{background:#fff;font-size:11pt}
main{max-width:none;padding:0}
nav.toc,.back,details{display:none}
a{color:inherit;text-decoration:none}
.card,.panel,section.message,li.hop-card,tr{break-inside:avoid}
section.message{break-before:page;border:none;padding:0}
.panel{overflow:visible}
}
`;

/**
 * {@link REPORT_CSS} as a CSP hash source (CSP Level 3 §2.3.1): stored, since the stylesheet is a constant and the
 * core has no hash function. test/report/styles.test.ts recomputes it; after a style change, paste what it prints.
 */
export const REPORT_CSS_HASH = "'sha256-oGfrIe+FPx2kCnMMoQKB1uP8SVG3AFqr+Eekjlg0ReY='";
