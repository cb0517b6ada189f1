// The queue: the events with the API's filters (kept in the URL), sortable columns, lowest-confidence
// unreviewed first, counts per status, keyboard-first review, a linked map and a timeline with a brush.
import { api, query } from "../api.js";
import { add, bidi, clear, colour, fill, h } from "../dom.js";
import { baseMap, eventsLayer, removeMap } from "../map.js";
import { app, canEdit, filtersFrom, navigate } from "../state.js";
import { timeline } from "../timeline.js";
import { askReason } from "./widgets.js";

const PAGE = 50;
const COLUMNS = [
  ["event_date", "Date"], ["sub_event_type", "Sub-event type"], ["actor1", "Actor 1"], ["actor2", "Actor 2"],
  ["location", "Location"], ["admin1", "Admin1"], ["fatalities", "Deaths"], ["confidence", "Conf."],
  ["review_status", "Status"],
];
export const KEYS = [["j / ↓", "next event"], ["k / ↑", "previous event"], ["a", "approve"], ["r", "reject (asks why)"],
  ["e", "edit the event"], ["o / Enter", "open the article"], ["/", "search"], ["m", "show it on the map"]];

function hashFor(filters, mapView) {
  const q = query(filters);
  return `#/${mapView ? "map" : ""}${q ? "?" + q : ""}`;
}

function filterBar(filters, apply) {
  const input = (name, label, attrs = {}) => h("label", {}, label,
    h("input", { name, value: filters[name] || "", ...attrs }));
  const types = Object.keys(app.taxonomy);
  const subs = types.flatMap((t) => app.taxonomy[t]);
  const select = (name, label, options) => h("label", {}, label, h("select", { name },
    h("option", { value: "" }, "any"),
    options.map((o) => h("option", { value: o, selected: filters[name] === o }, o))));
  const form = h("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const [k, v] of data.entries()) if (String(v).trim()) next[k] = String(v).trim();
    if (filters.bbox) next.bbox = filters.bbox;
    if (filters.sort) next.sort = filters.sort;
    apply(next);
  } },
  input("q", "Search", { id: "search", placeholder: "Arabic or English", size: 13 }),
  input("since", "From", { type: "date" }), input("until", "To", { type: "date" }),
  input("country", "Country", { size: 6 }), input("admin1", "Admin1", { size: 6 }),
  select("event_type", "Type", types), select("sub_event_type", "Sub-type", subs),
  input("actor", "Actor", { size: 8 }), input("outlet", "Outlet", { size: 6 }),
  input("min_confidence", "Min conf.", { type: "number", min: 0, max: 1, step: 0.05, style: { width: "4.5em" } }),
  input("min_fatalities", "Min deaths", { type: "number", min: 0, style: { width: "4.5em" } }),
  select("status", "Status", ["unreviewed", "approved", "rejected"]),
  h("button", { type: "submit" }, "Filter"),
  h("button", { type: "button", class: "link", onclick: () => apply({}) }, "Clear"));
  return form;
}

function exportLinks(filters) {
  const f = { ...filters };
  delete f.sort;
  return h("span", { class: "exports" }, "Export: ", ["csv", "jsonl", "geojson", "parquet"].map((fmt) =>
    h("a", { href: `/api/export?${query({ ...f, format: fmt })}`, download: "", class: "button", "data-format": fmt },
      fmt.toUpperCase())));
}

function statusChips(counts, filters, apply) {
  return h("span", { class: "counts" }, Object.entries(counts).map(([status, n]) =>
    h("button", { type: "button", class: `chip ${status}${filters.status === status ? " on" : ""}`,
                  onclick: () => apply({ ...filters, status: filters.status === status ? undefined : status }) },
    `${status} ${n.toLocaleString("en")}`)));
}

function cell(ev, key) {
  const loc = ev.location || {};
  switch (key) {
    case "event_date": return ev.event_date || "?";
    case "sub_event_type": return h("span", {}, h("i", { class: "swatch", style: { background: colour(ev.event_type) } }),
      ev.sub_event_type);
    case "actor1": return bidi(ev.actor1?.name || "");
    case "actor2": return bidi(ev.actor2?.name || "");
    case "location": return bidi(loc.name || "");
    case "admin1": return bidi(loc.admin1 || "");
    case "fatalities": return String(ev.fatalities);
    case "confidence": return (ev.confidence ?? 0).toFixed(2);
    case "review_status": return h("span", { class: `status ${ev.review.status}` }, ev.review.status,
      ev.edited.length ? h("span", { class: "edited", title: `edited: ${ev.edited.join(", ")}` }, " ✎") : null);
    default: return "";
  }
}

export function showQueue(root, params, mapView) {
  const filters = filtersFrom(params);
  const offset = Number(params.get("offset") || 0);
  const apply = (next) => navigate(hashFor(next, mapView));
  const table = h("table", { class: "events", id: "events" });
  const head = h("div", { class: "queue-head" });
  const keys = h("div", { class: "keys", id: "keys" }, "Keys: ", KEYS.map(([k, what]) =>
    h("span", {}, h("kbd", {}, k), " ", what)));
  const mapEl = h("div", { class: "map", id: "map" });
  const timeEl = h("div", { class: "timeline-box", id: "timeline" });
  const pager = h("div", { class: "pager" });
  const layout = h("div", { class: mapView ? "desk map-view" : "desk" },
    h("section", { class: "list" }, head, h("div", { class: "table-wrap" }, table), pager, keys),
    h("section", { class: "side" }, mapEl, timeEl));
  add(root, filterBar(filters, apply), layout);
  let events = [];
  let current = 0;
  const map = baseMap(mapEl);
  const layer = eventsLayer(map, (id) => {
    const i = events.findIndex((e) => e.event_id === id);
    if (i >= 0) select(i, false);
    else navigate(`#/event/${encodeURIComponent(id)}`);
  });
  const inView = h("button", { type: "button", class: "map-filter", id: "in-view",
    onclick: () => apply({ ...filters, bbox: filters.bbox ? undefined : layer.bounds() }) },
  filters.bbox ? "Show all places ✕" : "Only events in the map view");
  mapEl.parentNode.insertBefore(inView, mapEl);

  function select(i, pan = true) {
    if (!events.length) return;
    current = Math.max(0, Math.min(events.length - 1, i));
    for (const tr of table.querySelectorAll("tr.sel")) tr.classList.remove("sel");
    const row = table.querySelector(`tr[data-index="${current}"]`);
    row?.classList.add("sel");
    row?.scrollIntoView({ block: "nearest" });
    layer.select(events[current].event_id, pan);
  }

  function sortBy(key) {
    const next = { ...filters };
    next.sort = filters.sort === key ? `-${key}` : key;
    apply(next);
  }

  function render(page) {
    events = page.events;
    fill(head, h("strong", {}, `${page.total.toLocaleString("en")} events`), " ",
      statusChips(page.counts, filters, apply), exportLinks(filters));
    const arrow = (key) => (filters.sort === key ? " ▲" : filters.sort === `-${key}` ? " ▼" : "");
    fill(table, h("thead", {}, h("tr", {}, COLUMNS.map(([key, label]) =>
      h("th", { class: "sortable", dataset: { key }, onclick: () => sortBy(key), title: "sort" }, label + arrow(key))))),
    h("tbody", {}, events.map((ev, i) => h("tr", { dataset: { index: i, id: ev.event_id },
      class: `row ${ev.review.status}`, onclick: () => select(i), ondblclick: () => open(i) },
    COLUMNS.map(([key]) => h("td", { class: key }, cell(ev, key)))))));
    if (!events.length) add(table, h("tbody", {}, h("tr", {}, h("td", { colspan: COLUMNS.length, class: "muted" },
      "No events match these filters."))));
    clear(pager);
    if (offset > 0) add(pager, h("a", { href: hashFor({ ...filters, offset: Math.max(0, offset - PAGE) }, mapView) }, "← previous"));
    add(pager, ` ${offset + 1}–${offset + events.length} of ${page.total.toLocaleString("en")} `);
    if (offset + PAGE < page.total) add(pager, h("a", { href: hashFor({ ...filters, offset: offset + PAGE }, mapView) }, "next →"));
    performance.mark("queue-drawn");
    document.body.dataset.ready = "queue";
    if (events.length) select(0, false);
  }

  function open(i = current) {
    if (events[i]) navigate(`#/event/${encodeURIComponent(events[i].event_id)}`);
  }

  async function review(action) {
    const ev = events[current];
    if (!ev || !canEdit()) return;
    let reason = null;
    if (action === "reject") {
      reason = await askReason(`Why reject ${ev.sub_event_type} on ${ev.event_date || "?"}?`);
      if (!reason) return;
    }
    const updated = await api(`/api/events/${encodeURIComponent(ev.event_id)}/review`,
      { method: "POST", body: { action, reason, version: ev.version } });
    events[current] = updated;
    const row = table.querySelector(`tr[data-index="${current}"]`);
    row.className = `row ${updated.review.status} sel`;
    row.replaceChildren(...COLUMNS.map(([key]) => h("td", { class: key }, cell(updated, key))));
    select(current + 1);
    const fresh = await api("/api/events", { params: { ...filters, limit: 1 } });
    head.querySelector(".counts").replaceWith(statusChips(fresh.counts, filters, apply));
  }

  function onKey(e) {
    if (e.target.closest("input, select, textarea, dialog") || e.ctrlKey || e.metaKey || e.altKey) return;
    const act = { j: () => select(current + 1), ArrowDown: () => select(current + 1), k: () => select(current - 1),
      ArrowUp: () => select(current - 1), a: () => review("approve"), r: () => review("reject"),
      e: () => events[current] && navigate(`#/event/${encodeURIComponent(events[current].event_id)}?edit=1`),
      o: () => open(), Enter: () => open(), "/": () => document.getElementById("search").focus(),
      m: () => events[current] && layer.select(events[current].event_id, true) }[e.key];
    if (act) {
      e.preventDefault();
      Promise.resolve(act()).catch((exc) => window.alert(exc.message));
    }
  }
  document.addEventListener("keydown", onKey);

  const load = async () => {
    const page = await api("/api/events", { params: { ...filters, offset, limit: PAGE } });
    render(page);
    map.drawOutlines();
    const [points, days] = await Promise.all([api("/api/events/points", { params: { ...filters, sort: undefined } }),
      api("/api/events/timeline", { params: { ...filters, sort: undefined } })]);
    layer.set(points);
    if (events.length) layer.select(events[current].event_id, false);
    timeline(timeEl, days, { since: filters.since, until: filters.until,
      onBrush: (since, until) => apply({ ...filters, since: since || undefined, until: until || undefined }) });
    document.body.dataset.mapReady = "1";
  };
  load().catch((exc) => head.replaceChildren(h("p", { class: "error" }, exc.message)));
  return { leave: () => { document.removeEventListener("keydown", onKey); removeMap(map); delete document.body.dataset.ready;
    delete document.body.dataset.mapReady; } };
}
