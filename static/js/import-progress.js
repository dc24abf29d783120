// Polls an import job's progress and updates its bar; reloads the page when the job is done,
// so the dry run or the outcome appears. No inline script: the page only carries data-*.
(function () {
  "use strict";
  var box = document.querySelector(".import-progress");
  if (!box || box.getAttribute("data-running") !== "1") {
    return;
  }
  var url = box.getAttribute("data-progress-url");
  var bar = box.querySelector(".import-bar");
  var status = box.querySelector(".import-status");
  var count = box.querySelector(".import-count");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
        status.textContent = data.label;
        count.textContent = data.progress + " / " + data.total;
        if (data.running) {
          window.setTimeout(poll, 1000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
