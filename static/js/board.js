/* Drag cards between the pipeline board's columns. Dropping submits the card's own "Move" form
 * (the same request as the keyboard / no-JavaScript path) and moves the card on success. */
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) return;
  var status = document.getElementById("board-status");
  var dragged = null;

  function countOf(column) { return column.querySelector(".board-count"); }
  function adjust(column, delta) {
    var el = countOf(column);
    if (el) el.textContent = String(parseInt(el.textContent, 10) + delta);
  }

  function move(card, stage) {
    var form = card.querySelector("form.board-move");
    var data = new FormData(form);
    data.set("stage", stage);
    return fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken") }
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok || !body.ok) throw new Error(body.error || response.status);
        return body;
      });
    });
  }

  board.querySelectorAll(".board-card").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      card.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.pk);
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("dragging");
      dragged = null;
    });
  });

  board.querySelectorAll(".board-column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", function () { column.classList.remove("drop-target"); });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("drop-target");
      var card = dragged;
      if (!card) return;
      var from = card.closest(".board-column");
      if (from === column) return;
      move(card, column.dataset.stage).then(function (body) {
        var list = column.querySelector(".board-cards");
        var empty = list.querySelector(".board-empty");
        if (empty) empty.remove();
        list.insertBefore(card, list.firstChild);
        card.querySelector("select[name=stage]").value = body.stage;
        adjust(from, -1);
        adjust(column, 1);
        if (status) status.textContent = body.message;
      }).catch(function () {
        if (status) status.textContent = board.dataset.moveError;
        window.alert(board.dataset.moveError);
      });
    });
  });
})();
