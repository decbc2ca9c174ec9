// Embargoes count down live: every element with a `data-until` time (ISO 8601) shows the time
// left until it, in the desk's words ("1 h 2 min 3 s", as the server wrote it when the page was
// made: that text is what a browser without scripts shows). Used by the story page and the
// stories list. No aria-live: a screen reader would read every second; the text is there on demand.
(function () {
  "use strict";
  var clocks = Array.prototype.map.call(document.querySelectorAll("[data-until]"), function (el) {
    return { el: el, until: Date.parse(el.getAttribute("data-until")) };
  }).filter(function (clock) { return !isNaN(clock.until); });
  if (!clocks.length) { return; }
  function said(seconds) {
    var days = Math.floor(seconds / 86400), hours = Math.floor(seconds % 86400 / 3600);
    var minutes = Math.floor(seconds % 3600 / 60), parts = [];
    if (days) { parts.push(days + " d"); }
    if (days || hours) { parts.push(hours + " h"); }
    if (days || hours || minutes) { parts.push(minutes + " min"); }
    parts.push(seconds % 60 + " s");
    return seconds ? parts.join(" ") : "now: the embargo has lifted";
  }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (clock) {
      clock.el.textContent = said(Math.max(0, Math.floor((clock.until - now) / 1000)));
    });
  }
  tick();
  window.setInterval(tick, 1000);
})();
