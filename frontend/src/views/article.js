// The article, right to left, as the words were printed: every evidence span highlighted (this event's
// strongly, other events' faintly). Pointing at a field lights its words; pointing at words shows the
// fields they support. A selection of words gives its character offsets into the original text.
import { BIDI_CHAR, h } from "../dom.js";

export const FIELD_LABELS = { event: "event sentence", actor1: "actor 1", actor2: "actor 2", location: "location",
  date: "date", fatalities: "deaths", assoc_actor_1: "associated actor 1", assoc_actor_2: "associated actor 2",
  notes: "notes", sub_event_type: "sub-event type" };

function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  for (let i = 0; i < text.length; i++) {
    if (BIDI_CHAR.test(text[i])) {
      cuts.add(i);
      cuts.add(i + 1);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    out.push({ start: a, end: b, spans: spans.filter((s) => s.start <= a && s.end >= b) });
  }
  return out;
}

// Render `text` with `spans` ({start, end, field, event_id, source}); `mine` is the event shown.
export function article(text, spans, mine, onPointFields) {
  const body = h("div", { class: "article", dir: "rtl", lang: "ar" });
  let para = h("p", {});
  body.appendChild(para);
  for (const seg of segments(text, spans)) {
    const chunk = text.slice(seg.start, seg.end);
    const ours = seg.spans.filter((s) => s.event_id === mine);
    const fields = [...new Set(ours.map((s) => s.field))];
    const classes = ["seg"];
    if (ours.length) classes.push("mine", ...fields.map((f) => `f-${f}`));
    else if (seg.spans.length) classes.push("other");
    if (ours.some((s) => s.source === "analyst")) classes.push("by-analyst");
    const bidiMark = BIDI_CHAR.test(chunk);
    if (bidiMark) classes.push("bidi-mark");
    const parts = chunk.split("\n");
    parts.forEach((piece, n) => {
      if (n > 0) {
        para = h("p", {});
        body.appendChild(para);
      }
      if (!piece && !bidiMark) return;
      const start = seg.start + parts.slice(0, n).reduce((m, p) => m + p.length + 1, 0);
      const el = h("span", { class: classes.join(" "), dataset: { start, fields: fields.join(" ") },
        title: fields.length ? `supports: ${fields.map((f) => FIELD_LABELS[f] || f).join(", ")}` : null }, piece);
      if (fields.length) {
        el.addEventListener("mouseenter", () => onPointFields(fields));
        el.addEventListener("mouseleave", () => onPointFields([]));
      }
      para.appendChild(el);
    });
  }
  return body;
}

export function lightField(body, field) {
  for (const c of [...body.classList]) if (c.startsWith("lit-")) body.classList.remove(c);
  if (field) body.classList.add(`lit-${field}`);
}

// The selected words inside `body` as {start, end, text} offsets into the original text, or null.
export function selectedSpan(body, text) {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0);
  const at = (node, offset) => {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    const seg = el?.closest?.(".seg");
    if (!seg || !body.contains(seg)) return null;
    const base = Number(seg.dataset.start);
    return seg.classList.contains("bidi-mark") ? base : base + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  let start = at(range.startContainer, range.startOffset);
  let end = at(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  if (start > end) [start, end] = [end, start];
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end, text: text.slice(start, end) } : null;
}
