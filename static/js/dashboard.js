/* Draws the dashboard's charts with Apache ECharts (vendored, served by the app).
 * Each .chart[data-src] fetches its figure's JSON; the table beside it is the text alternative
 * (and what is there without JavaScript). Clicking a bar, slice or funnel step opens the list
 * the row summarises. No inline scripts: data comes from the JSON endpoints. */
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") return;

  var css = getComputedStyle(document.documentElement);
  function cssVar(name, fallback) {
    var value = css.getPropertyValue(name).trim();
    return value || fallback;
  }
  // Okabe–Ito, ordered so that neighbouring series stay distinct.
  var PALETTE = ["--cb-blue", "--cb-orange", "--cb-green", "--cb-vermillion", "--cb-sky",
    "--cb-purple", "--cb-yellow", "--cb-black"].map(function (name) { return cssVar(name, "#0072B2"); });
  var FONT = css.fontFamily;
  var FUNNEL_STAGES = ["proposed", "introduced", "met", "in_discussion", "agreement"];
  var charts = [];

  function base() {
    return {
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      animation: false,
      tooltip: { trigger: "item", confine: true },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true }
    };
  }

  function shorten(label, max) {
    return label.length > max ? label.slice(0, max - 1) + "…" : label;
  }

  function optionFor(kind, figure) {
    var rows = figure.rows;
    var labels = rows.map(function (r) { return r.label; });
    var values = rows.map(function (r) { return r.value; });
    var option = base();
    if (kind === "hbar") {
      option.grid.right = 40; // room for the value label after the longest bar
      option.yAxis = { type: "category", data: labels, inverse: true,
        axisLabel: { formatter: function (v) { return shorten(v, 14); } } };
      option.xAxis = { type: "value", minInterval: 1 };
      option.series = [{ type: "bar", name: figure.value_header, data: values,
        label: { show: true, position: "right" }, itemStyle: { color: PALETTE[0] } }];
    } else if (kind === "bar") {
      option.xAxis = { type: "category", data: labels,
        axisLabel: { interval: 0, width: 80, overflow: "break", lineHeight: 13 } };
      option.yAxis = { type: "value", minInterval: 1 };
      option.series = [{ type: "bar", name: figure.value_header, data: values,
        label: { show: true, position: "top" },
        itemStyle: { color: function (p) { return PALETTE[p.dataIndex % PALETTE.length]; } } }];
    } else if (kind === "line") {
      option.tooltip = { trigger: "axis" };
      option.legend = { top: 0 };
      option.grid.top = 32;
      option.xAxis = { type: "category", data: labels };
      option.yAxis = { type: "value", minInterval: 1 };
      option.series = [
        { type: "bar", name: figure.value_header, data: values, itemStyle: { color: PALETTE[0] } },
        { type: "line", name: figure.extra_headers.firms, symbol: "diamond", symbolSize: 8,
          data: rows.map(function (r) { return r.extra.firms || 0; }),
          itemStyle: { color: PALETTE[1] }, lineStyle: { type: "dashed", width: 2 } }
      ];
    } else if (kind === "pie") {
      option.legend = { bottom: 0, type: "scroll" };
      option.series = [{ type: "pie", radius: ["30%", "62%"], center: ["50%", "45%"],
        label: { position: "inside", formatter: "{c}", color: "#fff", fontWeight: "bold" },
        data: rows.map(function (r) { return { name: r.label, value: r.value }; }) }];
    } else if (kind === "funnel") {
      var steps = rows.filter(function (r) { return FUNNEL_STAGES.indexOf(r.key) >= 0; });
      var max = Math.max.apply(null, steps.map(function (r) { return r.value; }).concat([1]));
      option.series = [{ type: "funnel", sort: "none", left: "5%", width: "90%", top: 8, bottom: 8,
        min: 0, max: max, minSize: "8%", gap: 2,
        label: { position: "inside", formatter: "{b}: {c}", color: "#000", fontWeight: "bold" },
        data: steps.map(function (r) {
          return { name: r.label, value: r.value,
            itemStyle: { color: cssVar("--stage-" + r.key, PALETTE[0]), opacity: 0.85 } };
        }) }];
      option._rows = steps;
    }
    return option;
  }

  function draw(el) {
    fetch(el.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (figure) {
        var option = optionFor(el.dataset.chart, figure);
        var rows = option._rows || figure.rows;
        delete option._rows;
        var chart = window.echarts.init(el, null, { renderer: "svg" });
        chart.setOption(option);
        chart.on("click", function (params) {
          var row = rows[params.dataIndex];
          if (row && row.url) window.location.href = row.url;
        });
        el.style.cursor = "pointer";
        el.dataset.rendered = "1";
        charts.push(chart);
      })
      .catch(function () {
        el.dataset.rendered = "error";
        el.hidden = true; // the table beside it still carries the figures
      });
  }

  document.querySelectorAll(".chart[data-chart][data-src]").forEach(draw);
  function resizeAll() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
