// A redirect page of a retired address (README, "Retired ids and pages"). Its meta refresh drops
// the fragment of the old address; this keeps it: #p2 follows the link of the old id p2 that the
// page lists (to the same id on the new page, where it has one), any other fragment goes with the
// new page. Without JavaScript the meta refresh leads to the new page.
(function () {
  "use strict";
  var target = document.querySelector("a.redirect-target");
  if (!target) return;
  var fragment = window.location.hash.slice(1);
  var old = fragment ? document.getElementById(decodeURIComponent(fragment)) : null;
  window.location.replace(old && old.href ? old.href : target.href + (fragment && !old ? "#" + fragment : ""));
})();
