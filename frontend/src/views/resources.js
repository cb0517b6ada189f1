// What the analysts taught the lexicons: the user's overlay entries (aliases, places), each removable.
import { api } from "../api.js";
import { add, bidi, h } from "../dom.js";
import { canEdit } from "../state.js";

function describe(e) {
  const d = e.data || {};
  if (e.file.endsWith(".tsv")) return [bidi(d.name_ar || ""), ` — ${d.name || ""} (${[d.admin1, d.country].filter(Boolean).join(", ")})`,
    d.aliases_ar ? [" aliases: ", bidi(d.aliases_ar)] : null];
  return [`${e.id}: `, bidi((d.aliases_ar || []).join(" · ") || d.name || JSON.stringify(d))];
}

export function showResources(root) {
  const list = h("tbody", {});
  const msg = h("p", { class: "message" });
  add(root, h("h1", {}, "Your resources"),
    h("p", { class: "muted" }, "Aliases and places accepted from corrections. They are added to the built-in lexicons " +
      "(under MARSAD_HOME) and used by every extraction from now on."), msg,
    h("table", { class: "resources", id: "resources" }, h("thead", {}, h("tr", {}, h("th", {}, "File"), h("th", {}, "Entry"),
      h("th", {}, "Action"), h("th", {}, ""))), list));
  const load = async () => {
    const entries = await api("/api/resources");
    list.replaceChildren(...entries.map((e) => h("tr", {}, h("td", {}, e.file), h("td", {}, describe(e)), h("td", {}, e.action),
      h("td", {}, canEdit() ? h("button", { onclick: async () => {
        await api(`/api/resources?file=${encodeURIComponent(e.file)}&id=${encodeURIComponent(e.id)}`, { method: "DELETE" });
        msg.textContent = `Removed ${e.id}`;
        await load();
      } }, "Remove") : null))));
    if (!entries.length) add(list, h("tr", {}, h("td", { colspan: 4, class: "muted" }, "Nothing added yet.")));
    document.body.dataset.ready = "resources";
  };
  load().catch((exc) => { msg.textContent = exc.message; });
  return { leave: () => delete document.body.dataset.ready };
}
