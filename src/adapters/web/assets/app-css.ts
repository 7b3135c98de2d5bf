/** The console's stylesheet (/console/assets/app.css): phone width first, a sidebar from 800 px, visible focus, AA contrast. */
export const APP_CSS = String.raw`
:root { --fg: #1b1f24; --muted: #4f5863; --bg: #ffffff; --panel: #f4f6f8; --line: #c9d1d9; --link: #0a4fa6; --focus: #b35900;
  --ok: #1d6b2f; --warn: #8a5a00; --bad: #b01c1c; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); line-height: 1.45; font-size: 16px; }
a { color: var(--link); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; z-index: 10; }
.skip-link:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.muted { color: var(--muted); }
.topbar { padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel); }
.brand { font-weight: 700; color: var(--fg); text-decoration: none; }
.layout { display: flex; flex-direction: column; }
.sidebar { padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
.sidebar h2 { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 1rem 0 .3rem; }
.sidebar ul { list-style: none; padding: 0; margin: 0; }
.sidebar li a { display: block; padding: .35rem .4rem; border-radius: 4px; text-decoration: none; overflow-wrap: anywhere; }
.sidebar a[aria-current=page] { background: #dbe7f5; font-weight: 600; color: var(--fg); }
.platform { font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; color: var(--muted); }
main { padding: .5rem 1rem 2rem; min-width: 0; flex: 1; }
main.narrow { max-width: 40rem; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: .5rem 0; overflow-wrap: anywhere; }
label { font-weight: 600; display: block; margin: .3rem 0 .15rem; }
input, select, textarea, button { font: inherit; }
input[type=text], input:not([type]), select, textarea { width: 100%; padding: .45rem .5rem; border: 1px solid #6b7480; border-radius: 4px; background: #fff; color: var(--fg); }
button { padding: .45rem .9rem; border: 1px solid #0a4fa6; border-radius: 4px; background: #0a4fa6; color: #fff; cursor: pointer; }
button.danger { background: var(--bad); border-color: var(--bad); }
button:disabled { opacity: .6; }
.hint { font-size: .85rem; color: var(--muted); margin: .15rem 0; }
.new-channel { margin-top: .5rem; }
.new-channel button { margin-top: .3rem; }
.messages { list-style: none; padding: 0; margin: 0 0 1rem; }
.msg { scroll-margin-bottom: 9rem; border-bottom: 1px solid var(--line); padding: .5rem 0; overflow-wrap: anywhere; }
.msg .meta { margin: 0 0 .2rem; font-size: .85rem; color: var(--muted); }
.msg .who { font-weight: 700; color: var(--fg); }
.msg-user .typed { margin: 0; }
.msg-posted { background: #fbf8ef; }
.badge { display: inline-block; font-size: .75rem; border-radius: 3px; padding: 0 .3rem; border: 1px solid var(--line); background: var(--panel); color: var(--fg); }
.reply-rejected { border-left: 4px solid var(--warn); padding-left: .5rem; }
.reply p { margin: .25rem 0; }
.b-heading { font-size: 1.1rem; margin: .4rem 0 .2rem; }
.b-context { font-size: .9rem; color: var(--muted); }
.b-fields { display: grid; grid-template-columns: 1fr; gap: .1rem .8rem; margin: .3rem 0; }
.b-fields div { display: flex; gap: .5rem; flex-wrap: wrap; }
.b-fields dt { font-weight: 600; }
.b-fields dd { margin: 0; }
.b-table, .table-scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-size: .9rem; color: var(--muted); padding-bottom: .2rem; }
progress { width: 12rem; max-width: 100%; height: 1rem; vertical-align: middle; }
.tone-warn progress { accent-color: var(--warn); } .tone-bad progress { accent-color: var(--bad); } .tone-ok progress { accent-color: var(--ok); }
.b-image img, .chart img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.b-actions { display: flex; flex-wrap: wrap; gap: .4rem; margin: .3rem 0; }
.button-form { margin: 0; }
.button-readonly { border: 1px dashed var(--line); padding: .1rem .4rem; border-radius: 4px; }
.reply-form { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin: .5rem 0; background: var(--panel); max-width: 36rem; }
.reply-form h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.field { margin-bottom: .5rem; }
.field-invalid input, .field-invalid select, .field-invalid textarea { border: 2px solid var(--bad); }
.field-error, .form-error { color: var(--bad); font-weight: 600; margin: .15rem 0; }
.required { color: var(--bad); }
.composer { position: sticky; bottom: 0; background: var(--bg); padding: .5rem 0; border-top: 1px solid var(--line); display: grid; grid-template-columns: 1fr auto; gap: .3rem .5rem; align-items: end; }
.composer label, .composer .hint { grid-column: 1 / -1; }
.combo { position: relative; }
.suggestions { position: absolute; bottom: 100%; left: 0; right: 0; max-height: 16rem; overflow-y: auto; list-style: none; margin: 0; padding: .2rem 0; background: #fff; border: 1px solid #6b7480; border-radius: 4px; z-index: 5; }
.suggestions li { padding: .3rem .5rem; cursor: pointer; overflow-wrap: anywhere; }
.suggestions li[aria-selected=true] { background: #0a4fa6; color: #fff; }
.dashboard { display: grid; grid-template-columns: 1fr; gap: 1rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; min-width: 0; }
.card h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .4rem; margin: .5rem 0; }
.figures dt { font-size: .85rem; color: var(--muted); }
.figures dd { margin: 0; font-weight: 700; font-size: 1.05rem; }
.budget-bar progress { width: 100%; height: 1.2rem; }
.risk-matrix td { text-align: center; min-width: 2.2rem; font-weight: 700; }
.sev-low { background: #e3f1e6; } .sev-medium { background: #fbf0c9; } .sev-high { background: #f9dcc4; } .sev-critical { background: #f5c6c6; }
.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); margin-left: .4rem; }
.timeline li { padding: .2rem 0 .2rem .7rem; }
.ms-done .badge { background: #e3f1e6; } .ms-overdue .badge { background: #f5c6c6; }
td.ok { color: var(--ok); font-weight: 600; } td.bad { color: var(--bad); font-weight: 600; }
.activity { padding-left: 1.2rem; font-size: .95rem; }
code { background: #eef1f4; padding: 0 .2rem; border-radius: 3px; font-size: .95em; }
pre.plain { white-space: pre-wrap; margin: 0; }
@media (min-width: 800px) {
  .layout { flex-direction: row; min-height: calc(100vh - 3rem); }
  .sidebar { width: 16rem; flex: none; border-bottom: none; border-right: 1px solid var(--line); }
  .b-fields { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .dashboard { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;
