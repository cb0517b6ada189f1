// One event: its article(s) with the evidence, its fields (pointing links them to the words), review,
// editing with pickers and a draggable pin, evidence from selected words, learning from corrections,
// and the incident's reports side by side (split, merge), its history and the extractor's decision trace.
import { api, ApiError } from "../api.js";
import { add, bidi, clear, fill, h } from "../dom.js";
import { baseMap, pin, removeMap } from "../map.js";
import { app, canEdit, navigate } from "../state.js";
import { article, FIELD_LABELS, lightField, selectedSpan } from "./article.js";
import { editForm } from "./edit.js";
import { incidentPanel, tracePanel } from "./incident.js";
import { askReason } from "./widgets.js";

function fieldRows(ev) {
  const loc = ev.location;
  const actor = (a) => (a ? [bidi(a.name), a.text ? [" ← ", bidi(a.text, "ar")] : null] : "—");
  return [
    ["sub_event_type", "Type", `${ev.event_type} / ${ev.sub_event_type}`],
    ["date", "Date", `${ev.event_date || "?"} (precision ${ev.time_precision ?? "?"})`],
    ["actor1", "Actor 1", actor(ev.actor1)],
    ["assoc_actor_1", "Assoc. 1", ev.assoc_actor_1.map((a) => a.name).join("; ") || "—"],
    ["actor2", "Actor 2", actor(ev.actor2)],
    ["assoc_actor_2", "Assoc. 2", ev.assoc_actor_2.map((a) => a.name).join("; ") || "—"],
    ["location", "Location", loc ? [bidi(loc.name), ` · ${[loc.admin1, loc.country].filter(Boolean).join(", ")}`,
      ` · ${loc.latitude}, ${loc.longitude} (geo precision ${loc.geo_precision})`] : "—"],
    ["fatalities", "Deaths", String(ev.fatalities)],
    ["notes", "Notes", bidi(ev.notes)],
  ];
}

export function showEvent(root, eventId, params) {
  const state = { ev: null, doc: null, body: null, map: null, marker: null };
  const header = h("div", { class: "event-head" });
  const docTabs = h("div", { class: "tabs" });
  const textBox = h("div", { class: "text-box" });
  const selBar = h("div", { class: "selbar", hidden: true });
  const offer = h("div", { class: "offer", hidden: true });
  const fields = h("table", { class: "fields", id: "fields" });
  const editBox = h("div", { class: "edit-box" });
  const mapEl = h("div", { class: "mini-map", id: "mini-map" });
  const lower = h("div", { class: "lower" });
  const trace = h("div", { class: "trace" });
  const msg = h("p", { class: "message", role: "status" });
  add(root, header, msg, h("div", { class: "event-layout" },
    h("section", { class: "reading" }, docTabs, selBar, offer, textBox, trace),
    h("section", { class: "panel" }, fields, editBox, mapEl)), lower);

  const say = (text, kind = "") => {
    msg.textContent = text;
    msg.className = `message ${kind}`;
  };

  async function review(action) {
    let reason = null;
    if (action === "reject") {
      reason = await askReason("Why is this event rejected?");
      if (!reason) return;
    }
    await save(() => api(`/api/events/${encodeURIComponent(eventId)}/review`,
      { method: "POST", body: { action, reason, version: state.ev.version } }), `${action}d`);
  }

  async function save(call, done) {
    try {
      const ev = await call();
      say(done, "ok");
      await load(ev);
    } catch (exc) {
      if (exc instanceof ApiError && exc.status === 409) {
        say(`Another analyst changed this event (now version ${exc.body.current_version}); nothing was saved. ` +
            "The newer event is shown: apply your change again.", "error");
        await load(exc.body.event);
      } else say(exc.message + (exc.field ? ` (${exc.field})` : ""), "error");
      throw exc;
    }
  }

  function renderHeader(ev) {
    const editable = canEdit();
    fill(header, 
      h("a", { href: "#/", class: "back" }, "← queue"),
      h("h1", {}, `${ev.sub_event_type} · ${ev.event_date || "?"} · `, bidi(ev.location?.name || "no place")),
      h("span", { class: `status ${ev.review.status}`, id: "status" }, ev.review.status),
      ev.review.reason ? h("span", { class: "muted" }, ` (${ev.review.reason})`) : null,
      h("span", { class: "muted" }, ` ${ev.event_id} · version ${ev.version} · confidence ${ev.confidence.toFixed(2)}`),
      editable ? h("span", { class: "actions" },
        h("button", { id: "approve", onclick: () => review("approve").catch(() => {}) }, "Approve (a)"),
        h("button", { id: "reject", onclick: () => review("reject").catch(() => {}) }, "Reject (r)"),
        h("button", { id: "edit", onclick: () => startEdit() }, "Edit (e)")) : null);
  }

  function renderFields(ev) {
    fill(fields, h("tbody", {}, fieldRows(ev).map(([key, label, value]) =>
      h("tr", { dataset: { field: key }, class: ev.edited.includes(key === "date" ? "event_date" : key) ? "edited" : "",
        onmouseenter: () => state.body && lightField(state.body, key), onmouseleave: () => state.body && lightField(state.body, null) },
      h("th", {}, label, ev.edited.includes(key === "date" ? "event_date" : key) ? h("span", { title: "set by an analyst" }, " ✎") : null),
      h("td", {}, value)))));
  }

  function pointFields(list) {
    for (const tr of fields.querySelectorAll("tr")) tr.classList.toggle("lit", list.includes(tr.dataset.field));
  }

  async function showDocument(docId) {
    const doc = await api(`/api/documents/${docId}`);
    state.doc = doc;
    for (const b of docTabs.querySelectorAll("button")) b.classList.toggle("on", Number(b.dataset.doc) === docId);
    state.body = article(doc.text, doc.evidence, eventId, pointFields);
    fill(textBox, h("h2", {}, bidi(doc.title || doc.document || `document ${doc.id}`)),
      h("p", { class: "muted" }, [doc.outlet, doc.published].filter(Boolean).join(" · "), " ",
        doc.url ? h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "source") : null),
      state.body);
    state.body.addEventListener("mouseup", () => offerSelection());
    document.body.dataset.ready = "event";
    tracePanel(trace, docId, state.ev);
  }

  function offerSelection() {
    const span = state.doc && selectedSpan(state.body, state.doc.text);
    if (!span || !canEdit()) {
      selBar.hidden = true;
      return;
    }
    const field = h("select", { name: "field", id: "evidence-field" }, Object.entries(FIELD_LABELS).map(([k, label]) =>
      h("option", { value: k }, label)));
    fill(selBar, "Selected: ", bidi(span.text, "ar"), " — set as evidence of ", field, " ",
      h("button", { id: "set-evidence", onclick: () => setEvidence(span, field.value) }, "Set evidence"));
    selBar.hidden = false;
  }

  async function setEvidence(span, field) {
    await save(() => api(`/api/events/${encodeURIComponent(eventId)}/evidence`, { method: "POST",
      body: { document_id: state.doc.id, field, start: span.start, end: span.end, version: state.ev.version } }),
    `evidence of ${FIELD_LABELS[field]} set`).catch(() => {});
    selBar.hidden = true;
    const target = field === "location" ? state.ev.location?.place_id : state.ev[field]?.id;
    const kind = field === "location" ? "place" : field.startsWith("actor") ? "actor" : null;
    if (kind) await suggest(kind, span.text, target);
  }

  async function suggest(kind, text, target) {
    const { suggestion } = await api("/api/resources/suggestion", { params: { kind, text, target } });
    if (!suggestion) return;
    const ev = state.ev;
    const what = suggestion.kind === "place" ? "a new place at this event's coordinates"
      : `an alias of ${suggestion.kind === "actor_alias" ? (ev.actor1?.id === target ? ev.actor1.name : ev.actor2?.name || target)
        : ev.location?.name}`;
    const body = { ...suggestion };
    if (suggestion.kind === "place") {
      const loc = ev.location || {};
      body.place = { name: loc.name || text, country: loc.country, admin1: loc.admin1, latitude: loc.latitude,
                     longitude: loc.longitude };
    }
    fill(offer, h("span", {}, "The lexicons do not know ", bidi(text, "ar"), ` as ${what}. `),
      h("button", { id: "accept-offer", onclick: async () => {
        try {
          await api("/api/resources", { method: "POST", body });
          say(`Added to your resources: the next extraction uses it (see Resources).`, "ok");
        } catch (exc) {
          say(exc.message, "error");
        }
        offer.hidden = true;
      } }, "Add to my resources"), " ", h("button", { class: "link", onclick: () => { offer.hidden = true; } }, "No"));
    offer.hidden = false;
  }

  function startEdit() {
    if (!canEdit()) return;
    editForm(editBox, state.ev, {
      save: (change) => save(() => api(`/api/events/${encodeURIComponent(eventId)}`,
        { method: "PATCH", body: { ...change, version: state.ev.version } }), "saved"),
      moveTo: (lat, lon) => placePin(lat, lon),
      suggest,
      selection: () => state.doc && selectedSpan(state.body, state.doc.text),
    });
    placePin(state.ev.location?.latitude, state.ev.location?.longitude, true);
  }

  function placePin(lat, lon, draggable = false) {
    if (lat === undefined || lat === null) return;
    if (state.marker) state.marker.remove();
    state.marker = pin(state.map, lat, lon, (la, lo) => editBox.dispatchEvent(new CustomEvent("pin", { detail: [la, lo] })));
    if (!draggable && !editBox.firstChild) state.marker.dragging?.disable();
    state.map.setView([lat, lon], Math.max(state.map.getZoom(), 8));
  }

  async function load(ev) {
    state.ev = ev || await api(`/api/events/${encodeURIComponent(eventId)}`);
    renderHeader(state.ev);
    renderFields(state.ev);
    clear(editBox);
    if (!state.map) {
      state.map = baseMap(mapEl, { zoom: 8 });
      state.map.drawOutlines();
    }
    placePin(state.ev.location?.latitude, state.ev.location?.longitude);
    const docs = state.ev.reports.map((r) => r.document_id);
    const uniq = [...new Set(docs)];
    fill(docTabs, uniq.map((d) => {
      const r = state.ev.reports.find((x) => x.document_id === d);
      return h("button", { dataset: { doc: d }, onclick: () => showDocument(d) }, r.outlet || r.document || `document ${d}`);
    }));
    incidentPanel(lower, state.ev, { reload: () => load(), say });
    const current = state.doc && uniq.includes(state.doc.id) ? state.doc.id : uniq[0];
    if (current !== undefined) await showDocument(current);
    else fill(textBox, h("p", { class: "muted" }, "No report supports this event any more (the analyst kept it)."));
  }

  const onKey = (e) => {
    if (e.target.closest("input, select, textarea, dialog") || e.ctrlKey || e.metaKey || e.altKey) return;
    const act = { a: () => review("approve"), r: () => review("reject"), e: () => startEdit(),
      Escape: () => navigate("#/"), q: () => navigate("#/") }[e.key];
    if (act && (canEdit() || e.key === "Escape" || e.key === "q")) {
      e.preventDefault();
      Promise.resolve(act()).catch(() => {});
    }
  };
  document.addEventListener("keydown", onKey);
  load().then(() => params.get("edit") && startEdit()).catch((exc) => say(exc.message, "error"));
  return { leave: () => { document.removeEventListener("keydown", onKey); if (state.map) removeMap(state.map);
    delete document.body.dataset.ready; } };
}

export { app };
