// Events per day as stacked bars, with a brush: dragging across days sets the since/until filters of the
// table and the map; a click outside the brush clears it.
import { colour, h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function days(a, b) {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

function addDays(day, n) {
  return new Date(Date.parse(day) + n * 86400000).toISOString().slice(0, 10);
}

export function timeline(el, rows, { since, until, onBrush }) {
  el.replaceChildren();
  if (!rows.length) {
    el.appendChild(h("p", { class: "muted" }, "No dated events in this view."));
    return;
  }
  const first = rows[0].date;
  const last = rows[rows.length - 1].date;
  const span = Math.max(1, days(first, last) + 1);
  const width = Math.max(300, el.clientWidth || 600);
  const height = 90;
  const bar = width / span;
  const totals = new Map();
  for (const r of rows) totals.set(r.date, (totals.get(r.date) || 0) + r.events);
  const max = Math.max(...totals.values());
  const root = svg("svg", { width, height: height + 16, class: "timeline", role: "img",
                            "aria-label": `events per day from ${first} to ${last}` });
  const stack = new Map();
  for (const r of rows) {
    const x = days(first, r.date) * bar;
    const below = stack.get(r.date) || 0;
    const hgt = (r.events / max) * height;
    const rect = svg("rect", { x, y: height - below - hgt, width: Math.max(1, bar - 0.5), height: hgt,
                               fill: colour(r.event_type) });
    const title = svg("title", {});
    title.textContent = `${r.date}: ${r.events} ${r.event_type}`;
    rect.appendChild(title);
    root.appendChild(rect);
    stack.set(r.date, below + hgt);
  }
  for (const [x, label] of [[0, first], [width - 70, last]]) {
    const t = svg("text", { x, y: height + 13, class: "axis" });
    t.textContent = label;
    root.appendChild(t);
  }
  const brush = svg("rect", { class: "brush", y: 0, height, x: 0, width: 0 });
  root.appendChild(brush);
  const dayAt = (px) => addDays(first, Math.max(0, Math.min(span - 1, Math.floor(px / bar))));
  const show = (a, b) => {
    const x0 = days(first, a) * bar;
    brush.setAttribute("x", x0);
    brush.setAttribute("width", Math.max(bar, (days(a, b) + 1) * bar));
  };
  if (since || until) show(since && since > first ? since : first, until && until < last ? until : last);
  let start = null;
  const px = (e) => e.clientX - root.getBoundingClientRect().left;
  root.addEventListener("pointerdown", (e) => {
    start = px(e);
    root.setPointerCapture(e.pointerId);
  });
  root.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const [a, b] = [start, px(e)].sort((m, n) => m - n);
    show(dayAt(a), dayAt(b));
  });
  root.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const [a, b] = [start, px(e)].sort((m, n) => m - n);
    start = null;
    if (b - a < 3) onBrush(null, null);
    else onBrush(dayAt(a), dayAt(b));
  });
  el.appendChild(root);
}
