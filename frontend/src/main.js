// The desk: a hash router over four views; filters live in the URL (#/?since=...&country=...), so every
// screen can be linked, and each view is backed by the API calls a script could make.
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "./style.css";
import { api, ApiError, setCsrf } from "./api.js";
import { clear, h } from "./dom.js";
import { showEvent } from "./views/event.js";
import { showQueue } from "./views/queue.js";
import { showResources } from "./views/resources.js";
import { app } from "./state.js";


function route() {
  const hash = window.location.hash || "#/";
  const [path, search] = hash.slice(1).split("?");
  const params = new URLSearchParams(search || "");
  const root = document.getElementById("app");
  if (app.view?.leave) app.view.leave();
  app.view = null;
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.remove("active");
  const parts = path.split("/").filter(Boolean);
  const nav = parts[0] === "map" ? "map" : parts[0] === "resources" ? "resources" : "queue";
  document.querySelector(`[data-nav="${nav}"]`)?.classList.add("active");
  clear(root);
  if (parts[0] === "event" && parts[1]) app.view = showEvent(root, decodeURIComponent(parts[1]), params);
  else if (parts[0] === "resources") app.view = showResources(root);
  else app.view = showQueue(root, params, parts[0] === "map");
}

function loginForm(message) {
  const root = clear(document.getElementById("app"));
  const err = h("p", { class: "error" }, message || "");
  const name = h("input", { name: "name", autocomplete: "username", required: true });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const form = h("form", { class: "login", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const s = await api("/api/login", { method: "POST", body: { name: name.value, password: password.value } });
      await start(s);
    } catch (exc) {
      err.textContent = exc.message;
    }
  } }, h("h1", {}, "Log in to the review desk"), h("label", {}, "User ", name), h("label", {}, "Password ", password),
    h("button", { type: "submit" }, "Log in"), err);
  root.appendChild(form);
  name.focus();
}

async function start(session) {
  app.session = session;
  setCsrf(session.csrf);
  const who = clear(document.getElementById("who"));
  who.appendChild(h("span", {}, `${session.user} (${session.role})`));
  if (session.auth) {
    who.appendChild(h("button", { class: "link", onclick: async () => {
      await api("/api/logout", { method: "POST" });
      window.location.reload();
    } }, "Log out"));
  }
  [app.config, app.taxonomy] = await Promise.all([app.config, app.taxonomy]);
  if (!Object.keys(app.taxonomy).length) app.taxonomy = await api("/api/taxonomy");  // asked before logging in
  window.addEventListener("hashchange", route);
  route();
}

async function boot() {
  try {
    app.config = api("/api/config");  // asked for beside the session, awaited in start()
    app.taxonomy = api("/api/taxonomy").catch(() => ({}));
    await start(await api("/api/session"));
  } catch (exc) {
    if (exc instanceof ApiError && exc.status === 401) loginForm();
    else loginForm(exc.message);
  }
}

app.route = route;
boot();
