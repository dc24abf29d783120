/* Search-box suggestions for every input[data-autocomplete] (ARIA 1.2 combobox with a listbox).
 * The attribute's value is the suggestion URL (GET ?q=… → {results: [{label, lang, kind, url}],
 * status}); when empty, the active language's /search/suggest/ is used. Without JavaScript the
 * form simply submits. Keys: ↓/↑ move, Enter opens the highlighted name, Escape closes. */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var counter = 0;

  function defaultEndpoint() {
    var lang = (document.documentElement.lang || "ko").toLowerCase();
    return (lang === "ko" ? "" : "/" + lang) + "/search/suggest/";
  }

  function setup(input) {
    if (input.getAttribute("role") === "combobox") return;
    var id = "ac-" + (++counter);
    var endpoint = input.getAttribute("data-autocomplete") || defaultEndpoint();

    var wrap = document.createElement("span");
    wrap.className = "ac-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);

    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "ac-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    if (input.labels && input.labels[0]) {
      if (!input.labels[0].id) input.labels[0].id = id + "-label";
      list.setAttribute("aria-labelledby", input.labels[0].id);
    }
    wrap.appendChild(list);

    var status = document.createElement("span");
    status.className = "ac-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) window.location.assign(items[index].url);
    }

    function render(data) {
      items = data.results || [];
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = id + "-opt-" + index;
        option.className = "ac-option ac-" + item.kind;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("lang", item.lang);
        option.textContent = item.label;
        // mousedown keeps the focus in the input; click follows the link.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(index); });
        list.appendChild(option);
      });
      status.textContent = data.status || "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (!q) { render({ results: [] }); return; }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + (endpoint.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, signal: controller && controller.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (q === input.value.trim()) render(data); })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      switch (event.key) {
        case "ArrowDown":
          if (!open) { lastQuery = null; fetchSuggestions(); return; }
          event.preventDefault();
          highlight(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!open) return;
          event.preventDefault();
          highlight(active <= 0 ? items.length - 1 : active - 1);
          break;
        case "Enter":
          if (open && active >= 0) { event.preventDefault(); go(active); }
          break;
        case "Escape":
          if (open) { event.preventDefault(); close(); }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-autocomplete]");
    for (var i = 0; i < inputs.length; i++) setup(inputs[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
