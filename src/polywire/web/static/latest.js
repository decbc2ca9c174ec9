// The public "latest" list, refreshed as stories are released: poll the JSON beside the page
// and put new headlines on top.
(function () {
  "use strict";
  var list = document.getElementById("latest");
  if (!list) { return; }
  var url = list.getAttribute("data-live");
  function refresh() {
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var shown = {};
        list.querySelectorAll("a[href]").forEach(function (a) { shown[a.getAttribute("href")] = true; });
        data.stories.slice().reverse().forEach(function (story) {
          if (shown[story.url]) { return; }
          var empty = list.querySelector("li.muted");
          if (empty) { empty.remove(); }
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = story.url;
          link.lang = story.language;
          link.hreflang = story.language;
          link.dir = "auto";
          link.textContent = story.headline;
          var when = document.createElement("small");
          when.className = "muted";
          when.textContent = " " + story.language;
          item.append(link, when);
          list.prepend(item);
        });
      })
      .catch(function () { /* try again on the next tick */ });
  }
  window.setInterval(refresh, 3000);
})();
