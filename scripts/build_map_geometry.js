// Builds static/vendor/world-atlas/world.geo.json from the npm package world-atlas
// (Natural Earth 4.1.0 as TopoJSON, ISC; the data is public domain) with topojson-client.
// Run from a folder holding the unpacked packages (see static/vendor/README.md):
//   node scripts/build_map_geometry.js <world-atlas dir> <topojson-client dir> <out file>
// The world at 1:110m, with the countries of East Asia at 1:50m (Korea's coast is legible),
// coordinates rounded to 0.01° to keep the file small.
"use strict";
const fs = require("fs");
const path = require("path");
const [atlasDir, clientDir, outFile] = process.argv.slice(2);
const topojson = require(path.resolve(clientDir, "dist/topojson-client.js"));
const load = (name) => JSON.parse(fs.readFileSync(path.join(atlasDir, name), "utf8"));
// ISO 3166-1 numeric codes drawn at 1:50m: Korea, North Korea, China, Japan, Taiwan, Mongolia.
const DETAILED = new Set(["410", "408", "156", "392", "158", "496"]);
const coarse = topojson.feature(load("countries-110m.json"), "countries").features;
const fine = topojson.feature(load("countries-50m.json"), "countries").features;
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
const features = [
  ...coarse.filter((f) => !DETAILED.has(f.id)),
  ...fine.filter((f) => DETAILED.has(f.id)),
]
  .filter((f) => f.geometry)
  .map((f) => ({
    type: "Feature",
    id: f.id,
    properties: { name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }));
fs.writeFileSync(outFile, JSON.stringify({ type: "FeatureCollection", features }));
console.log(`${features.length} countries written to ${outFile}`);
