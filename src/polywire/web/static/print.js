// The release page's "Print" button: shown only where a script runs (it needs one), it opens the
// browser's print dialog; the page's print stylesheet (print.css) leaves out the chrome.
(function () {
  "use strict";
  var button = document.querySelector("button.print");
  if (!button) { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
