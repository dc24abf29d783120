/* The bridge map (staff): a network of firms ↔ overseas partners and a map of partners' cities,
 * drawn with Apache ECharts from /staff/map/data.json (same filters as the page).
 * Links carry their stage by colour AND line style (dashed: engagement; dotted: dormant or
 * closed), so they stay apart for colour-blind readers. Clicking a node opens its page. */
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") return;
  var css = getComputedStyle(document.documentElement);
  function cssVar(name, fallback) {
    var value = css.getPropertyValue(name).trim();
    return value || fallback;
  }
  var FONT = css.fontFamily;
  var KINDS = ["proposed", "introduced", "met", "in_discussion", "agreement", "dormant", "closed", "engagement"];
  var COLOUR = {};
  KINDS.forEach(function (kind) {
    COLOUR[kind] = cssVar(kind === "engagement" ? "--link-engagement" : "--stage-" + kind, "#7f7f7f");
  });
  function lineType(kind) {
    if (kind === "engagement") return "dashed";
    if (kind === "dormant" || kind === "closed") return "dotted";
    return "solid";
  }
  var charts = [];

  function labelFor(data, kind) {
    if (kind === "engagement") return data.engagement_label;
    var found = data.stages.filter(function (s) { return s.value === kind; })[0];
    return found ? found.label : kind;
  }

  function drawNetwork(el, data) {
    var few = data.nodes.length <= 40;
    // Grouped (many firms): specialties in a column on the left, partners on the right, so
    // 1,000 firms read as a handful of bands instead of a hairball.
    var columns = data.grouped;
    var maxValue = Math.max.apply(null, data.nodes.map(function (n) { return n.value; }).concat([1]));
    var counts = { left: 0, right: 0 }, seen = { left: 0, right: 0 };
    data.nodes.forEach(function (n) { counts[n.category === "partner" ? "right" : "left"] += 1; });
    var nodes = data.nodes.map(function (n) {
      var partner = n.category === "partner";
      var node = {
        id: n.id, name: n.name, value: n.value, url: n.url,
        category: partner ? 0 : 1,
        symbol: partner ? "diamond" : (n.category === "group" ? "roundRect" : "circle"),
        symbolSize: Math.round(10 + 34 * Math.sqrt(n.value / maxValue)),
        label: { show: partner || n.category === "group" || few,
          position: columns ? (partner ? "right" : "left") : "right" }
      };
      if (columns) {
        var side = partner ? "right" : "left";
        node.x = partner ? 700 : 100;
        node.y = (seen[side] + 0.5) * (1000 / counts[side]);
        seen[side] += 1;
      }
      return node;
    });
    var links = data.links.map(function (l) {
      return {
        source: l.source, target: l.target, value: l.count, kind: l.kind,
        // Each kind bends its own way, so parallel links between one pair stay apart.
        lineStyle: { color: COLOUR[l.kind], type: lineType(l.kind), opacity: 0.75,
          curveness: (KINDS.indexOf(l.kind) - 3.5) * 0.035,
          width: Math.min(8, 1.5 + Math.log2(l.count + 1) + (l.kind === "agreement" ? 1.5 : 0)) }
      };
    });
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: {
        confine: true,
        formatter: function (p) {
          if (p.dataType === "edge") {
            return p.data.value + " × " + labelFor(data, p.data.kind);
          }
          return p.data.name;
        }
      },
      series: [{
        type: "graph", layout: columns ? "none" : "force", roam: true, draggable: !columns,
        left: columns ? "25%" : "5%", right: columns ? "25%" : "5%", top: 20, bottom: 20,
        categories: [
          { name: "partner", itemStyle: { color: cssVar("--node-partner", "#0072B2") } },
          { name: "firm", itemStyle: { color: cssVar("--node-firm", "#E69F00") } }
        ],
        data: nodes, links: links,
        label: { position: "right", fontSize: 11, color: "#1d2430" },
        emphasis: { focus: "adjacency" },
        force: { repulsion: few ? 900 : 180, edgeLength: few ? [120, 220] : [40, 120], gravity: few ? 0.05 : 0.08,
          layoutAnimation: false },
        lineStyle: {}
      }]
    });
    chart.on("click", function (p) {
      if (p.dataType === "node" && p.data.url) window.location.href = p.data.url;
    });
    el.style.cursor = "pointer";
    el.dataset.rendered = "1";
    charts.push(chart);
  }

  function bounds(data) {
    var lons = [data.origin.coord[0]], lats = [data.origin.coord[1]];
    data.places.forEach(function (p) { lons.push(p.coord[0]); lats.push(p.coord[1]); });
    var west = Math.min.apply(null, lons), east = Math.max.apply(null, lons);
    var south = Math.min.apply(null, lats), north = Math.max.apply(null, lats);
    var padLon = Math.max(8, (30 - (east - west)) / 2), padLat = Math.max(6, (20 - (north - south)) / 2);
    return [[west - padLon, Math.min(85, north + padLat)], [east + padLon, Math.max(-85, south - padLat)]];
  }

  function drawCities(el, data, geojson) {
    window.echarts.registerMap("gagyo-world", geojson);
    var lines = data.places.map(function (p) {
      return {
        name: p.name, kind: p.stage, coords: [data.origin.coord, p.coord],
        lineStyle: { color: COLOUR[p.stage], type: lineType(p.stage),
          width: Math.min(8, 2 + Math.log2(p.connections + p.firms_engaged + p.engagements + 1)) }
      };
    });
    var points = data.places.map(function (p) {
      return {
        name: p.name + (p.city ? " · " + p.city : ""), url: p.url,
        value: p.coord.concat([p.connections + p.firms_engaged]),
        symbolSize: Math.min(30, 10 + Math.sqrt(p.connections + p.firms_engaged + p.engagements) * 4),
        itemStyle: { color: COLOUR[p.stage] }
      };
    });
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      tooltip: { confine: true, formatter: function (p) { return p.name; } },
      geo: {
        map: "gagyo-world", roam: true, silent: true, boundingCoords: bounds(data),
        itemStyle: { areaColor: "#eef1f5", borderColor: "#9aa5b4", borderWidth: 0.6 }
      },
      series: [
        { type: "lines", coordinateSystem: "geo", data: lines, silent: true, zlevel: 1,
          lineStyle: { curveness: 0.2, opacity: 0.9 } },
        { type: "scatter", coordinateSystem: "geo", data: points, zlevel: 2, symbol: "diamond",
          label: { show: true, position: "right", formatter: "{b}", fontSize: 11, color: "#1d2430",
            backgroundColor: "rgba(255,255,255,.8)", padding: [1, 3] } },
        { type: "scatter", coordinateSystem: "geo", zlevel: 2, symbol: "pin", symbolSize: 28,
          itemStyle: { color: "#1d2430" },
          data: [{ name: data.origin.name, value: data.origin.coord }],
          label: { show: true, position: "left", formatter: "{b}", fontWeight: "bold", color: "#1d2430",
            backgroundColor: "rgba(255,255,255,.85)", padding: [1, 3] } }
      ]
    });
    chart.on("click", function (p) {
      if (p.data && p.data.url) window.location.href = p.data.url;
    });
    el.style.cursor = "pointer";
    el.dataset.rendered = "1";
    charts.push(chart);
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  var network = document.getElementById("bridge-network");
  var cities = document.getElementById("bridge-cities");
  var source = (network || cities);
  if (!source) return;
  getJSON(source.dataset.src).then(function (data) {
    if (network) drawNetwork(network, data);
    if (cities) {
      getJSON(cities.dataset.geo).then(function (geojson) { drawCities(cities, data, geojson); })
        .catch(function () { cities.dataset.rendered = "error"; cities.hidden = true; });
    }
  }).catch(function () {
    [network, cities].forEach(function (el) { if (el) { el.dataset.rendered = "error"; el.hidden = true; } });
  });
  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
