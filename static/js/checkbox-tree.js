/* Checkbox tree: a filter box and a live list of ticked items (the page works without it). */
(function () {
  "use strict";
  function setUp(tree) {
    var filter = tree.querySelector("[data-tree-filter]");
    var selected = tree.querySelector("[data-tree-selected]");
    var items = Array.prototype.slice.call(tree.querySelectorAll(".tree li"));
    var emptyText = selected.querySelector(".muted") ? selected.querySelector(".muted").textContent : "";
    var tickedText = tree.getAttribute("data-ticked-label") || "";
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      items.forEach(function (li) { li.hidden = false; });
      if (!q) return;
      // Deepest first: a parent stays visible when one of its children matches.
      items.slice().reverse().forEach(function (li) {
        var own = li.querySelector(".tree-label").textContent.toLowerCase().indexOf(q) !== -1;
        var child = Array.prototype.some.call(li.querySelectorAll("li"), function (c) { return !c.hidden; });
        li.hidden = !(own || child);
      });
    });
    tree.addEventListener("change", function () {
      var ticked = tree.querySelectorAll(".tree input:checked");
      selected.textContent = "";
      if (!ticked.length) {
        var none = document.createElement("span");
        none.className = "muted";
        none.textContent = emptyText;
        selected.appendChild(none);
        return;
      }
      selected.appendChild(document.createTextNode(tickedText + " "));
      Array.prototype.forEach.call(ticked, function (input) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = input.parentNode.querySelector(".tree-label").textContent;
        selected.appendChild(tag);
        selected.appendChild(document.createTextNode(" "));
      });
    });
  }
  document.querySelectorAll("[data-checkbox-tree]").forEach(setUp);
})();
