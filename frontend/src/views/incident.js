// An incident reported by several outlets: every report side by side with its own fields and evidence;
// splitting a report off, merging other events in (fatalities follow ACLED's most conservative figure),
// the audit trail, and the extractor's decision trace for the article shown.
import { api } from "../api.js";
import { add, bidi, clear, fill, h } from "../dom.js";
import { canEdit } from "../state.js";

function addDays(day, n) {
  return new Date(Date.parse(day) + n * 86400000).toISOString().slice(0, 10);
}

function reportCard(ev, r, { split }) {
  const rec = r.record;
  const words = ev.evidence.filter((e) => e.document_id === r.document_id && e.field === "event").map((e) => e.text);
  return h("div", { class: "report", dataset: { doc: r.document_id } },
    h("h4", {}, r.outlet || "unknown outlet", " · ", r.published || "?"),
    h("p", {}, bidi(r.title || r.document || "")),
    h("dl", {},
      h("dt", {}, "Type"), h("dd", {}, rec.sub_event_type), h("dt", {}, "Date"), h("dd", {}, rec.event_date || "?"),
      h("dt", {}, "Actor 1"), h("dd", {}, bidi(rec.actor1?.name || "—")),
      h("dt", {}, "Actor 2"), h("dd", {}, bidi(rec.actor2?.name || "—")),
      h("dt", {}, "Location"), h("dd", {}, bidi(rec.location?.name || "—")),
      h("dt", {}, "Deaths"), h("dd", {}, String(r.fatalities)), h("dt", {}, "Confidence"),
      h("dd", {}, (r.confidence ?? 0).toFixed(2))),
    words.map((w) => h("blockquote", { dir: "rtl", lang: "ar" }, w)),
    split ? h("button", { class: "split", onclick: () => split(r.document_id) }, "Split off into its own event") : null);
}

export function incidentPanel(box, ev, { reload, say }) {
  const docs = [...new Set(ev.reports.map((r) => r.document_id))];
  const split = canEdit() && docs.length > 1 ? async (doc) => {
    try {
      const out = await api(`/api/events/${encodeURIComponent(ev.event_id)}/split`, { method: "POST",
        body: { document_ids: [doc], version: ev.version } });
      say(`Split: the report is now event ${out.new_event.event_id}`, "ok");
      await reload();
    } catch (exc) {
      say(exc.message, "error");
    }
  } : null;
  const reports = h("div", { class: "reports", id: "reports" }, ev.reports.map((r) => reportCard(ev, r, { split })));
  const candidates = h("div", { class: "merge", id: "merge" });
  const history = h("ol", { class: "history", id: "history" });
  fill(box, h("h3", {}, `Reports (${ev.reports.length}) — fatalities are the lowest figure any report gives`),
    reports, candidates, h("h3", {}, "History"), history);
  if (canEdit()) mergeCandidates(candidates, ev, { reload, say });
  api(`/api/events/${encodeURIComponent(ev.event_id)}/history`).then((items) => {
    history.replaceChildren(...(items.length ? items : [null]).map((it) => it
      ? h("li", {}, `${it.at} ${it.user || "?"} ${it.action}`, it.reason ? ` — ${it.reason}` : "", " ",
        h("code", {}, JSON.stringify(it.after)))
      : h("li", { class: "muted" }, "No change by an analyst yet.")));
  });
}

async function mergeCandidates(box, ev, { reload, say }) {
  if (!ev.event_date) return;
  const page = await api("/api/events", { params: { sub_event_type: ev.sub_event_type, since: addDays(ev.event_date, -3),
    until: addDays(ev.event_date, 3), limit: 20 } });
  const others = page.events.filter((e) => e.event_id !== ev.event_id);
  const picked = new Set();
  const manual = h("input", { placeholder: "or an event id", size: 16, id: "merge-id" });
  add(box, h("h3", {}, "Merge other events into this one"),
    others.length ? h("ul", {}, others.map((o) => h("li", {}, h("label", {}, h("input", { type: "checkbox",
      dataset: { id: o.event_id }, onchange: (e) => (e.target.checked ? picked.add(o.event_id) : picked.delete(o.event_id)) }),
    ` ${o.event_date} · ${o.sub_event_type} · `, bidi(o.location?.name || "?"), ` · ${o.fatalities} dead · `,
    bidi(o.sources.map((s) => s.outlet).join(", ")), " ", h("a", { href: `#/event/${o.event_id}` }, o.event_id)))))
      : h("p", { class: "muted" }, "No other event of this sub-type within three days."),
    manual, " ", h("button", { id: "merge-button", onclick: async () => {
      const ids = [...picked, ...manual.value.split(/[\s,]+/).filter(Boolean)];
      if (!ids.length) return;
      try {
        await api("/api/events/merge", { method: "POST", body: { event_ids: [ev.event_id, ...ids] } });
        await reload();
        say(`Merged ${ids.length} event(s) into this one`, "ok");
      } catch (exc) {
        say(exc.message, "error");
      }
    } }, "Merge into this event"));
}

export async function tracePanel(box, docId, ev) {
  fill(box, h("h3", {}, "Decision trace of the extractor"), h("p", { class: "muted" }, "Reading the article again…"));
  try {
    const x = await api(`/api/documents/${docId}/explain`);
    const sentences = ev.evidence.filter((e) => e.document_id === docId && e.field === "event");
    const ours = (c) => sentences.some((s) => s.start <= c.evidence.start && c.evidence.end <= s.end);
    box.replaceChildren(h("h3", {}, `Decision trace (${x.candidates.length} candidates, threshold ${x.threshold ?? "?"})`),
      h("ol", { class: "candidates" }, x.candidates.map((c) => h("li", { class: `${c.decision}${ours(c) ? " ours" : ""}` },
        h("strong", {}, c.triggers.map((t) => t.text).join(", ")), ` → ${c.sub_event_type}: `,
        h("span", { class: "decision" }, c.decision), ` — ${c.detail}`,
        c.anchors.missing.length ? ` (missing: ${c.anchors.missing.join(", ")})` : "",
        c.words?.text ? [" ", bidi(c.words.text, "ar")] : null))));
  } catch (exc) {
    box.replaceChildren(h("p", { class: "error" }, exc.message));
  }
}
