// Small pieces the views share: a reason dialog, and search pickers for actors and places.
import { api } from "../api.js";
import { add, bidi, h } from "../dom.js";

export function askReason(question) {
  return new Promise((resolve) => {
    const input = h("input", { name: "reason", size: 40, required: true, placeholder: "e.g. not an event, a report of an old attack" });
    const dialog = h("dialog", { class: "reason" }, h("form", { method: "dialog", onsubmit: (e) => {
      e.preventDefault();
      dialog.close();
      resolve(input.value.trim() || null);
    } }, h("p", {}, question), input, h("div", {}, h("button", { type: "submit" }, "Reject"), " ",
      h("button", { type: "button", onclick: () => { dialog.close(); resolve(null); } }, "Cancel"))));
    dialog.addEventListener("close", () => dialog.remove());
    document.body.appendChild(dialog);
    dialog.showModal();
    input.focus();
  });
}

// A text box that searches `path` (?q=) as the analyst types and calls onPick(item) with the choice.
export function picker({ path, placeholder, label, describe, onPick, value = "" }) {
  const input = h("input", { placeholder, value, autocomplete: "off", "aria-label": label });
  const list = h("ul", { class: "picks", role: "listbox" });
  let timer = null;
  const search = async () => {
    const q = input.value.trim();
    list.replaceChildren();
    if (!q) return;
    const items = await api(path, { params: { q, limit: 12 } });
    list.replaceChildren(...items.map((item) => h("li", { role: "option", tabindex: 0, onclick: () => choose(item),
      onkeydown: (e) => e.key === "Enter" && choose(item) }, describe(item))));
    if (!items.length) add(list, h("li", { class: "muted" }, "nothing found"));
  };
  const choose = (item) => {
    list.replaceChildren();
    onPick(item);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search().catch(() => {}), 200);
  });
  return h("span", { class: "picker" }, input, list);
}

export const describeActor = (a) => [a.name, " ", bidi(a.name_ar, "ar"), h("small", {}, ` inter ${a.inter} · ${a.id}`)];
export const describePlace = (p) => [p.name, " ", bidi(p.name_ar, "ar"),
  h("small", {}, ` ${p.kind} · ${[p.admin1, p.country].filter(Boolean).join(", ")}`)];
