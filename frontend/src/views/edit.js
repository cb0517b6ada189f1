// Editing every ACLED field of an event: pickers for actors and places (lexicon and gazetteer, Arabic or
// English), ACLED's sub-event types, a date with its precision, coordinates from a draggable pin. Only the
// fields changed are sent, with the version read (a stale version is refused, never overwritten).
import { bidi, clear, fill, h } from "../dom.js";
import { app } from "../state.js";
import { describeActor, describePlace, picker } from "./widgets.js";

const actorValue = (a) => ({ id: a.id, name: a.name, inter: a.inter });

export function editForm(box, ev, { save, moveTo, suggest, selection }) {
  const change = {};
  const loc = { ...(ev.location || {}) };
  const num = (v) => (v === "" ? null : Number(v));

  const sub = h("select", { name: "sub_event_type", onchange: () => { change.sub_event_type = sub.value; } },
    Object.entries(app.taxonomy).map(([type, subs]) => h("optgroup", { label: type },
      subs.map((s) => h("option", { value: s, selected: s === ev.sub_event_type }, s)))));
  const date = h("input", { type: "date", name: "event_date", value: ev.event_date || "",
    onchange: () => { change.event_date = date.value || null; } });
  const precision = h("select", { name: "time_precision", onchange: () => { change.time_precision = num(precision.value); } },
    [[1, "day"], [2, "week"], [3, "month"]].map(([v, l]) => h("option", { value: v, selected: ev.time_precision === v }, l)));

  const actorField = (key) => {
    const shown = h("span", { class: "current" }, ev[key] ? bidi(ev[key].name) : "none");
    const p = picker({ path: "/api/actors/search", placeholder: "search actors (Arabic or English)", label: key,
      describe: describeActor, onPick: (a) => {
        change[key] = actorValue(a);
        shown.replaceChildren(bidi(a.name));
        const words = selection();
        if (words) suggest("actor", words.text, a.id);
      } });
    return [shown, " ", h("button", { type: "button", class: "link", onclick: () => { change[key] = null; shown.textContent = "none"; } },
      "none"), p];
  };
  const assocField = (key) => {
    const list = [...ev[key]];
    const chips = h("span", { class: "chips" });
    const draw = () => chips.replaceChildren(...list.map((a, i) => h("span", { class: "chip" }, bidi(a.name),
      h("button", { type: "button", class: "link", "aria-label": "remove", onclick: () => {
        list.splice(i, 1);
        change[key] = list.map(actorValue);
        draw();
      } }, "✕"))));
    draw();
    return [chips, picker({ path: "/api/actors/search", placeholder: "add an actor", label: key, describe: describeActor,
      onPick: (a) => {
        list.push(a);
        change[key] = list.map(actorValue);
        draw();
      } })];
  };

  const lat = h("input", { name: "latitude", type: "number", step: "0.0001", value: loc.latitude ?? "", style: { width: "7em" } });
  const lon = h("input", { name: "longitude", type: "number", step: "0.0001", value: loc.longitude ?? "", style: { width: "7em" } });
  const geo = h("select", { name: "geo_precision" }, [[1, "1 exact place"], [2, "2 near / part of"], [3, "3 region only"]]
    .map(([v, l]) => h("option", { value: v, selected: loc.geo_precision === v }, l)));
  const place = h("span", { class: "current" }, loc.name ? [bidi(loc.name), ` (${loc.admin1 || ""})`] : "none");
  const setLocation = (extra) => {
    change.location = { ...(change.location || {}), ...extra };
  };
  const coords = () => setLocation({ latitude: num(lat.value), longitude: num(lon.value), geo_precision: num(geo.value) });
  for (const el of [lat, lon, geo]) el.addEventListener("change", () => {
    coords();
    if (lat.value && lon.value) moveTo(Number(lat.value), Number(lon.value));
  });
  box.addEventListener("pin", (e) => {
    [lat.value, lon.value] = e.detail;
    geo.value = "1";
    coords();
  });
  const placePicker = picker({ path: "/api/gazetteer/search", placeholder: "search places (Arabic or English)",
    label: "location", describe: describePlace, onPick: (p) => {
      const precision = ["country", "admin1", "region"].includes(p.kind) ? 3 : p.kind === "admin2" ? 2 : 1;
      setLocation({ name: p.name, name_ar: p.name_ar, country: p.country, admin1: p.admin1, admin2: p.admin2,
        admin3: p.admin3, latitude: p.latitude, longitude: p.longitude, place_id: p.id, geo_precision: precision });
      [lat.value, lon.value, geo.value] = [p.latitude, p.longitude, precision];
      place.replaceChildren(bidi(p.name), ` (${p.admin1 || p.country})`);
      moveTo(p.latitude, p.longitude);
      const words = selection();
      if (words) suggest("place", words.text, p.id);
    } });

  const fatalities = h("input", { name: "fatalities", type: "number", min: 0, value: ev.fatalities, style: { width: "6em" },
    onchange: () => { change.fatalities = Math.max(0, Math.floor(Number(fatalities.value) || 0)); } });
  const notes = h("textarea", { name: "notes", rows: 3, dir: "auto", onchange: () => { change.notes = notes.value; } });
  notes.value = ev.notes || "";
  const row = (label, ...content) => h("div", { class: "edit-row" }, h("span", { class: "label" }, label), ...content);
  const form = h("form", { class: "edit", id: "edit-form", onsubmit: async (e) => {
    e.preventDefault();
    if (!Object.keys(change).length) return clear(box);
    try {
      await save(change);
    } catch {
      /* the message is shown; the form stays for another try */
    }
  } },
  h("h3", {}, "Edit event"),
  row("Sub-event type", sub), row("Date", date, " precision ", precision),
  row("Actor 1", ...actorField("actor1")), row("Associated 1", ...assocField("assoc_actor_1")),
  row("Actor 2", ...actorField("actor2")), row("Associated 2", ...assocField("assoc_actor_2")),
  row("Location", place, placePicker), row("Coordinates", lat, lon, geo, h("small", {}, " or drag the pin")),
  row("Deaths", fatalities), row("Notes", notes),
  h("div", {}, h("button", { type: "submit", id: "save" }, "Save"), " ",
    h("button", { type: "button", onclick: () => clear(box) }, "Cancel")));
  fill(box, form);
  sub.focus();
}
