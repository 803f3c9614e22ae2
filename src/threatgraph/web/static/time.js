// Timestamps in the reader's own time zone. The server writes UTC ("29 Nov 2026, 20:30 UTC") inside
// <time class="ts" datetime="…Z">, which is what a reader without JavaScript sees; with JavaScript the
// same instant is shown in the browser's zone, the UTC value kept in the tooltip.
(function () {
  "use strict";
  if (typeof Intl === "undefined" || !Intl.DateTimeFormat) return;
  var fmt = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  var nodes = document.querySelectorAll("time.ts[datetime]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) continue;
    el.title = el.textContent;
    el.textContent = fmt.format(when);
    el.setAttribute("data-local", "1");
  }
})();
