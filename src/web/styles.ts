/**
 * The analyzer's own styles, added after the report's stylesheet (whose message view and archive summary the page
 * shows). A constant: it is hashed into the page's Content Security Policy at build time.
 * @module
 */

/**
 * Form controls, the drop zone, progress, the message list; narrow screens (the hop path keeps a readable size and
 * scrolls sideways in its own box) and print.
 */
export const WEB_CSS = `
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:8px;top:-40px;background:#fff;padding:6px 10px;border:2px solid var(--link);z-index:2}
.skip:focus{top:8px}
:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
label{display:block;font-weight:600;margin:10px 0 4px}
textarea,input[type=text],select{width:100%;font:13px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;padding:6px 8px;border:1px solid #8a9099;border-radius:6px;background:#fff;color:var(--ink)}
select{font-family:inherit;width:auto;max-width:100%}
textarea#paste{min-height:11em;resize:vertical}
button{font:inherit;padding:6px 14px;border:1px solid #4a5360;border-radius:6px;background:#fff;color:var(--ink);cursor:pointer}
button.primary{background:#0b57a4;border-color:#0b57a4;color:#fff;font-weight:600}
button:disabled{opacity:.55;cursor:default}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.drop{border:2px dashed #8a9099;border-radius:8px;padding:10px 14px;margin:12px 0;background:var(--card)}
.drop.over{border-color:#0b57a4;background:#eaf2fb}
.drop input{font:inherit;max-width:100%}
.hint{font-size:12.5px;color:var(--muted);margin:4px 0}
details.settings{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 14px;margin:12px 0}
details.settings summary{font-weight:600;color:var(--ink);font-size:14px}
.problem{color:#8a1c00;font-weight:600}
#work{margin:12px 0}
progress{width:min(420px,100%);height:14px;vertical-align:middle}
#results h2:focus{outline:none}
.notes li{color:#6b4a00}
button.pick{border:none;background:none;padding:0;color:var(--link);text-decoration:underline;text-align:left;font:inherit;overflow-wrap:anywhere}
tr.selected td{background:#eaf2fb}
.filter{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:6px 0}
.filter label{display:inline;margin:0}
#detail:focus{outline:none}
@media (max-width:520px){
main{padding:12px 10px 32px}
h1{font-size:20px}
table.facts th{width:auto;display:block;padding:4px 0 0}
table.facts td{display:block;padding:0 0 4px}
table.list th,table.list td{padding:4px 4px}
section.message{padding:10px}
.cards{grid-template-columns:1fr}
svg.hop-path{min-width:600px}
}
@media print{
#input,details.settings,#work,.actions,.filter,.skip{display:none}
}
`;
