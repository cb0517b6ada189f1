// Building the page without ever parsing markup: every string from the store becomes a text node, and the
// only links made are the app's own (#/...) or http(s) addresses. Bidirectional control characters
// (RLO, LRI ...) are shown as visible marks so an article cannot reorder the page around it.

const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
export const BIDI_CHAR = /^[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]$/;

export function visible(text) {
  if (text === null || text === undefined) return "";
  return String(text).replace(BIDI, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟧`);
}

export function safeHref(url) {
  if (typeof url !== "string") return null;
  if (url.startsWith("#/")) return url;
  try {
    const u = new URL(url, window.location.origin);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

// h("div", {class: "x", onclick: fn, dataset: {id: 1}}, "text", child, [more])
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "href") {
      const href = safeHref(value);
      if (href) el.setAttribute("href", href);
    } else if (key === "style" && typeof value === "object") Object.assign(el.style, value);
    else if (key === "value") el.value = value;
    else if (key === "checked" || key === "selected" || key === "disabled") el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(visible(child)));
  }
}

// Text in the language it is written in: Arabic right to left, isolated from its neighbours.
export function bidi(text, cls = "") {
  return h("bdi", { dir: "auto", class: cls }, text);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// Add children as h() does (text as text, arrays flattened, null and false skipped).
export function add(el, ...children) {
  append(el, children);
  return el;
}

// Replace an element's children.
export function fill(el, ...children) {
  return add(clear(el), ...children);
}

export const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};

export function colour(eventType) {
  return TYPE_COLOURS[eventType] || "#7f7f7f";
}
