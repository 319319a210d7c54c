/**
 * The static part of the `--html` page: its stylesheet and the script that draws the data html.ts embeds
 * (`<script id="simcc-data">`) as SVG. Plain browser JavaScript, no library, nothing fetched.
 *
 * Drawing: one column (lane) per goroutine, one row per step, top to bottom; a step is a box in its goroutine's
 * lane; happens-before edges are arrows between boxes of different lanes; the finding's steps are marked red,
 * a deadlock's "waits for" arrows are dashed. Elements carry data attributes (data-row, data-thread, data-lane)
 * that the browser test reads.
 */

export const PAGE_STYLE = `
:root { --row: 26px; --lane: 190px; --fg: #1d2330; --dim: #6b7385; --accent: #2457c5; --bad: #c8262b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #f6f7fa; }
header { padding: 12px 18px 8px; background: #fff; border-bottom: 1px solid #dde1ea; }
h1 { margin: 0; font-size: 17px; font-weight: 600; }
h1 .kind { color: #fff; background: var(--bad); border-radius: 4px; padding: 1px 7px; margin-right: 6px; font-family: ui-monospace, monospace; font-size: 14px; }
.sub { margin: 4px 0; color: var(--dim); }
#reproduce code { display: block; margin-top: 3px; padding: 3px 8px; background: #eef1f7; border-radius: 3px; font: 12.5px ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; user-select: all; }
nav { display: flex; gap: 10px; align-items: center; padding: 8px 18px; background: #fff; border-bottom: 1px solid #dde1ea; position: sticky; top: 0; z-index: 2; }
nav button { font: inherit; padding: 3px 12px; border: 1px solid #b9c1d3; border-radius: 4px; background: #fff; cursor: pointer; }
nav button:hover { background: #eef1f7; }
#position { color: var(--dim); min-width: 14em; }
main { display: flex; align-items: flex-start; }
#timeline { flex: 1; overflow: auto; padding: 6px 0 40px 8px; min-width: 0; }
#panel { width: 430px; flex: none; position: sticky; top: 48px; padding: 12px 16px; background: #fff; border-left: 1px solid #dde1ea; min-height: 60vh; }
#step-info .what { font-family: ui-monospace, monospace; font-size: 13px; margin: 6px 0; word-break: break-word; }
#step-info .where { color: var(--accent); font-family: ui-monospace, monospace; font-size: 12.5px; }
#step-info .role { color: var(--bad); font-weight: 600; }
#source { margin: 8px 0; padding: 6px 0; background: #1d2330; color: #d8dce6; border-radius: 4px; font: 12px/1.5 ui-monospace, Menlo, Consolas, monospace; overflow-x: auto; min-height: 2em; }
#source .line { display: block; padding: 0 10px; white-space: pre; }
#source .line.current { background: #4b3a12; color: #fff; }
#source .no { display: inline-block; width: 3.2em; color: #7d869b; text-align: right; margin-right: 10px; }
#legend { color: var(--dim); font-size: 12.5px; }
#legend .swatch { display: inline-block; width: 22px; height: 3px; vertical-align: middle; margin-right: 5px; }
svg text { font: 12px ui-monospace, Menlo, Consolas, monospace; }
.lane-head { font: 600 13px system-ui, sans-serif; }
.lane-head.involved { fill: var(--bad); }
.lane-line { stroke: #d3d8e3; stroke-width: 1; }
.lane-line.involved { stroke: #f0b7b9; stroke-width: 2; }
.gutter { fill: var(--dim); }
.event rect { fill: #fff; stroke: #9aa6bf; rx: 4; }
.event { cursor: pointer; }
.event:hover rect { stroke: var(--accent); stroke-width: 2; }
.event.marked rect { fill: #fde8e8; stroke: var(--bad); stroke-width: 2; }
.event.selected rect { stroke: var(--accent); stroke-width: 3; }
.event.timer rect { fill: #f3f0ff; stroke: #b3a6e0; }
.band { fill: transparent; }
.band.selected { fill: #e4ecfb; }
.edge { fill: none; stroke: #2f8f5b; stroke-width: 1.6; opacity: 0.85; }
.edge.hidden { display: none; }
.wait-edge { fill: none; stroke: var(--bad); stroke-width: 2; stroke-dasharray: 6 4; }
.woken { fill: #2f8f5b; }
.elided { fill: var(--dim); font-style: italic; }
`;

export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('simcc-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var ROW = 26, LANE = 190, TOP = 40, BOX_H = 20;
  var withTime = data.rows.some(function (r) { return r.time !== 0; });
  var LEFT = withTime ? 120 : 60;
  var laneIndex = {};
  data.lanes.forEach(function (l, i) { laneIndex[l.id] = i; });
  var involved = {};
  data.involved.forEach(function (id) { involved[id] = true; });
  var markedAt = {}, waitAt = {};
  data.marked.forEach(function (m) { markedAt[m.row + ':' + m.thread] = m.role; if (m.waitAt) waitAt[m.row + ':' + m.thread] = m.waitAt; });
  var top0 = TOP + (data.elided > 0 ? ROW : 0);

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function laneX(thread) { return LEFT + laneIndex[thread] * LANE + LANE / 2; }
  function rowY(row) { return top0 + row * ROW + ROW / 2; }
  function short(s, n) { return s.length <= n ? s : s.slice(0, n - 1) + '…'; }

  var width = LEFT + data.lanes.length * LANE + 20;
  var height = top0 + data.rows.length * ROW + 20;
  var svg = el('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height, role: 'img' });
  svg.setAttribute('aria-label', 'execution timeline');
  var defs = el('defs', {}, svg);
  [['hb', '#2f8f5b'], ['wait', '#c8262b']].forEach(function (m) {
    var mk = el('marker', { id: 'arrow-' + m[0], viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: m[1] }, mk);
  });

  var bands = el('g', {}, svg);
  var bandEls = data.rows.map(function (r, i) {
    return el('rect', { class: 'band', x: 0, y: top0 + i * ROW, width: width, height: ROW }, bands);
  });

  data.lanes.forEach(function (l) {
    var x = laneX(l.id);
    var cls = involved[l.id] ? ' involved' : '';
    var head = el('text', { class: 'lane-head' + cls, x: x, y: 22, 'text-anchor': 'middle', 'data-lane': l.id }, svg);
    head.textContent = short(l.name, 24);
    el('line', { class: 'lane-line' + cls, x1: x, x2: x, y1: 30, y2: height - 10 }, svg);
  });
  var gh = el('text', { class: 'gutter', x: 8, y: 22 }, svg);
  gh.textContent = withTime ? 'step    time' : 'step';
  if (data.elided > 0) {
    var note = el('text', { class: 'elided', x: LEFT, y: TOP + ROW / 2 + 4 }, svg);
    note.textContent = '… ' + data.elided + ' earlier steps not shown';
  }

  var edgeLayer = el('g', {}, svg);
  var eventLayer = el('g', {}, svg);
  var eventEls = data.rows.map(function (r, i) {
    var x = laneX(r.thread), y = rowY(i);
    var role = markedAt[i + ':' + r.thread];
    var cls = 'event' + (role !== undefined ? ' marked' : '') + (r.thread < 0 ? ' timer' : '');
    var g = el('g', { class: cls, 'data-row': i, 'data-thread': r.thread, 'data-step': r.step, tabindex: 0 }, eventLayer);
    el('rect', { x: x - LANE / 2 + 6, y: y - BOX_H / 2, width: LANE - 12, height: BOX_H }, g);
    var t = el('text', { x: x - LANE / 2 + 12, y: y + 4 }, g);
    t.textContent = short(r.what, 24);
    var title = el('title', {}, g);
    title.textContent = 'step ' + r.step + ': ' + r.name + ' ' + r.what + (r.at ? ' at ' + r.at : '') + (role ? ' [' + role + ']' : '');
    var s = el('text', { class: 'gutter', x: 8, y: y + 4 }, svg);
    s.textContent = String(r.step);
    if (withTime) {
      var tm = el('text', { class: 'gutter', x: 56, y: y + 4 }, svg);
      tm.textContent = r.time + 'ms';
    }
    g.addEventListener('click', function () { select(i); });
    return g;
  });
  data.woken.forEach(function (w) {
    el('circle', { class: 'woken', cx: laneX(w.thread), cy: rowY(w.row), r: 5, 'data-row': w.row, 'data-thread': w.thread }, edgeLayer);
  });

  function anchor(p, towards) {
    var x = laneX(p.thread), y = rowY(p.row);
    if (p.woken) return [x, y];
    return [x + (towards > x ? LANE / 2 - 6 : towards < x ? -(LANE / 2 - 6) : 0), y];
  }
  data.edges.forEach(function (e) {
    var tx = laneX(e.to.thread), fx = laneX(e.from.thread);
    var a = anchor(e.from, tx), b = anchor(e.to, fx);
    var mid = (a[0] + b[0]) / 2;
    el('path', {
      class: 'edge', d: 'M' + a[0] + ',' + a[1] + ' C' + mid + ',' + a[1] + ' ' + mid + ',' + b[1] + ' ' + b[0] + ',' + b[1],
      'marker-end': 'url(#arrow-hb)', 'data-from-row': e.from.row, 'data-from-thread': e.from.thread,
      'data-to-row': e.to.row, 'data-to-thread': e.to.thread,
    }, edgeLayer);
  });
  data.waits.forEach(function (w) {
    var a = anchor({ row: w.row, thread: w.from }, laneX(w.to));
    var bx = laneX(w.to), by = a[1] + ROW * 0.6;
    var p = el('path', {
      class: 'wait-edge', d: 'M' + a[0] + ',' + a[1] + ' Q' + (a[0] + bx) / 2 + ',' + (by + ROW) + ' ' + bx + ',' + by,
      'marker-end': 'url(#arrow-wait)', 'data-from-thread': w.from, 'data-to-thread': w.to,
    }, edgeLayer);
    var t = el('title', {}, p);
    t.textContent = 'waits for ' + w.what;
  });
  document.getElementById('timeline').appendChild(svg);

  document.getElementById('legend').innerHTML =
    '<div><span class="swatch" style="background:#2f8f5b"></span>happens-before (unlock→lock, send→receive, go→start, end→join)</div>' +
    '<div><span class="swatch" style="background:#c8262b"></span>the finding: ' + esc(data.kind) + '</div>' +
    (data.waits.length ? '<div><span class="swatch" style="border-top:2px dashed #c8262b;height:0"></span>waits for a lock the other holds</div>' : '') +
    (data.details.length ? '<ul>' + data.details.map(function (d) { return '<li>' + esc(d) + '</li>'; }).join('') + '</ul>' : '');

  document.getElementById('show-edges').addEventListener('change', function (ev) {
    var on = ev.target.checked;
    Array.prototype.forEach.call(document.querySelectorAll('.edge'), function (p) { p.classList.toggle('hidden', !on); });
  });

  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }

  var current = -1;
  function select(i) {
    if (data.rows.length === 0) return;
    i = Math.max(0, Math.min(data.rows.length - 1, i));
    if (current >= 0) { eventEls[current].classList.remove('selected'); bandEls[current].classList.remove('selected'); }
    current = i;
    eventEls[i].classList.add('selected');
    bandEls[i].classList.add('selected');
    var r = data.rows[i];
    var role = markedAt[i + ':' + r.thread];
    document.getElementById('position').textContent = 'step ' + r.step + ' (' + (i + 1) + ' of ' + data.rows.length + ' shown)';
    document.getElementById('step-info').innerHTML =
      '<div><b>step ' + r.step + '</b> · ' + r.time + ' ms · goroutine <b>' + esc(r.name) + '</b></div>' +
      '<div class="what">' + esc(r.what) + '</div>' +
      (role ? '<div class="role">' + esc(role) + '</div>' : '') +
      '<div class="where">' + (r.at ? esc(r.at) : '(no source location)') + '</div>';
    var wait = waitAt[i + ':' + r.thread];
    if (wait) document.getElementById('step-info').innerHTML += '<div class="where">then waits at ' + esc(wait) + '</div>';
    showSource(wait || r.at);
    var box = eventEls[i].getBoundingClientRect();
    if (box.top < 60 || box.bottom > window.innerHeight) eventEls[i].scrollIntoView({ block: 'center' });
  }

  function showSource(at) {
    var pre = document.getElementById('source');
    pre.innerHTML = '';
    var m = at && /^(.*?):(\d+)(?::\d+)?$/.exec(at);
    var lines = m && data.sources[m[1]];
    if (!lines) { pre.textContent = at ? '  (source not available)' : ''; return; }
    var n = Number(m[2]);
    for (var k = Math.max(1, n - 4); k <= Math.min(lines.length, n + 4); k++) {
      var span = document.createElement('span');
      span.className = 'line' + (k === n ? ' current' : '');
      span.setAttribute('data-line', k);
      var no = document.createElement('span');
      no.className = 'no';
      no.textContent = String(k);
      span.appendChild(no);
      span.appendChild(document.createTextNode(lines[k - 1]));
      pre.appendChild(span);
    }
  }

  document.getElementById('back').addEventListener('click', function () { select(current - 1); });
  document.getElementById('forward').addEventListener('click', function () { select(current + 1); });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp' || ev.key === 'k') { select(current - 1); ev.preventDefault(); }
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown' || ev.key === 'j') { select(current + 1); ev.preventDefault(); }
  });
  select(data.marked.length ? data.marked[0].row : data.rows.length - 1);
})();
`;
