// Maps that work offline: Natural Earth outlines of the countries and their first-level regions ship with
// the package (the regions are drawn from zoom 5); a tile server the user configured (marsad serve --tiles)
// is drawn underneath when there is one. Events are circles coloured by event type, clustered.
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import { app } from "./state.js";
import { colour, h } from "./dom.js";

const outlines = {};

async function topo(name, object) {
  if (!outlines[name]) {
    outlines[name] = fetch(`/static/outlines/${name}.json`).then((r) => r.json()).then((t) => feature(t, t.objects[object]));
  }
  return outlines[name];
}

export function baseMap(el, { center = [34.8, 38.5], zoom = 6 } = {}) {
  // No zoom animation: a view left in the middle of one would touch the removed map (and the outlines redraw fast).
  const map = L.map(el, { center, zoom, minZoom: 2, maxZoom: 14, worldCopyJump: true, preferCanvas: true,
                          zoomAnimation: false, markerZoomAnimation: false,
                          attributionControl: true });
  map.attributionControl.setPrefix(false);
  if (app.config.tiles) {
    L.tileLayer(app.config.tiles, { maxZoom: 18, attribution: "your tile server" }).addTo(map);
  } else {
    el.classList.add("offline-map");
  }
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  let alive = true;
  map.on("unload", () => { alive = false; });
  map.drawOutlines = () => drawOutlines(map, () => alive);
  return map;
}

// The outlines are drawn when the map's caller says so (after the table, which matters more, is drawn);
// a country's regions are read only when the map is zoomed in far enough on it to show them.
function drawOutlines(map, alive) {
  const countryStyle = { color: "#666", weight: 1, fillColor: "#f4f1ea", fillOpacity: app.config.tiles ? 0 : 1 };
  topo("countries", "countries").then((geo) => alive() && L.geoJSON(geo, { style: countryStyle, interactive: false })
    .addTo(map).bringToBack());
  const regions = L.layerGroup();
  const loaded = new Set();
  const index = fetch("/static/outlines/admin1-index.json").then((r) => r.json());
  const show = async () => {
    if (map.getZoom() < 5) return regions.remove();
    regions.addTo(map);
    const b = map.getBounds();
    for (const [code, [w, s, e, n]] of Object.entries(await index)) {
      if (loaded.has(code) || e < b.getWest() || w > b.getEast() || n < b.getSouth() || s > b.getNorth()) continue;
      loaded.add(code);
      topo(`admin1/${code}`, "admin1").then((geo) => alive() && L.geoJSON(geo,
        { style: { color: "#aaa", weight: 0.6, fill: false, dashArray: "2 3" }, interactive: false }).addTo(regions));
    }
    return null;
  };
  map.on("moveend", show);
  show();
}

function clusterIcon(cluster) {
  const counts = {};
  for (const m of cluster.getAllChildMarkers()) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = n < 10 ? 28 : n < 100 ? 34 : 42;
  const el = h("div", { class: "cluster", style: { background: colour(top), width: `${size}px`, height: `${size}px`,
                                                  lineHeight: `${size}px` } }, String(n));
  return L.divIcon({ html: el, className: "cluster-wrap", iconSize: [size, size] });
}

// An events layer: points -> circles, clicking one calls onSelect(event_id); select(id) highlights one.
export function eventsLayer(map, onSelect) {
  const group = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false,
                                       maxClusterRadius: 40 });
  group.addTo(map);
  const byId = new Map();
  let selected = null;
  return {
    set(points) {
      group.clearLayers();
      byId.clear();
      const markers = points.map((p) => {
        const m = L.circleMarker([p.latitude, p.longitude], { radius: 6 + Math.min(6, Math.sqrt(p.fatalities || 0)),
          color: "#222", weight: 1, fillColor: colour(p.event_type), fillOpacity: 0.85, eventType: p.event_type });
        m.bindTooltip(`${p.event_date || "?"} · ${p.sub_event_type} · ${p.location || ""}`);
        m.on("click", () => onSelect(p.event_id));
        byId.set(p.event_id, m);
        return m;
      });
      group.addLayers(markers);
    },
    select(id, pan = true) {
      if (selected) selected.setStyle({ weight: 1, color: "#222" });
      selected = byId.get(id) || null;
      if (!selected) return;
      selected.setStyle({ weight: 4, color: "#000" });
      if (pan) group.zoomToShowLayer(selected, () => selected.openTooltip());
    },
    bounds() {
      const b = map.getBounds();
      return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(4)).join(",");
    },
  };
}

// A draggable pin (for setting an event's coordinates): onMove(lat, lon) after each drag.
export function pin(map, lat, lon, onMove) {
  const icon = L.divIcon({ className: "pin", html: h("div", { class: "pin-head" }), iconSize: [22, 22],
                           iconAnchor: [11, 22] });
  const marker = L.marker([lat, lon], { draggable: true, icon, keyboard: true, title: "drag to move the event" });
  marker.on("dragend", () => {
    const p = marker.getLatLng();
    onMove(Number(p.lat.toFixed(4)), Number(p.lng.toFixed(4)));
  });
  marker.addTo(map);
  return marker;
}

// Take a map off the page, stopping what it is animating first (a pan or zoom in flight would touch
// the removed panes).
export function removeMap(map) {
  map.stop();
  map.off();
  map.remove();
}

export { L };
