// The delivery report fills as deliveries arrive: fetch this page again every few seconds and
// swap in its report (chart and table), leaving the rest of the page and the focus alone.
(function () {
  "use strict";
  var live = document.getElementById("report-live");
  if (!live) { return; }
  function refresh() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("report-live");
        if (fresh && fresh.innerHTML !== live.innerHTML) { live.innerHTML = fresh.innerHTML; }
      })
      .catch(function () { /* try again on the next tick */ });
  }
  window.setInterval(refresh, 5000);
})();
