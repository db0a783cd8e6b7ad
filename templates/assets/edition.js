/* tei-edition: progressive enhancement only. Without this script every link works the same:
   markers lead to their notes, notes lead back, paragraph numbers give #pN links. */
(function () {
  "use strict";

  // Following a fragment link moves keyboard focus to its target (note, marker, paragraph).
  function focusTarget(hash) {
    var target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", function () { focusTarget(location.hash); });

  // The language switch keeps the reader's place: it leads to the passage at the top of the
  // window (the same ids exist in every language), or to the fragment the address names when
  // the reader has not scrolled away from it. Set as the link is about to be used, so that
  // "open in a new tab" carries the place too.
  var UNITS = "main p[id], main li.note[id], main table[id], main .front-line[id]";
  function inView(element) {
    var box = element.getBoundingClientRect();
    return box.height > 0 && box.bottom > header.getBoundingClientRect().bottom + 8 && box.top < window.innerHeight;
  }
  function placeInView() {
    var named = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (named && inView(named)) return named.id;  // the fragment followed, still in view
    if (window.scrollY < 16) return "";  // at the top: no place to carry
    var units = document.querySelectorAll(UNITS);
    for (var i = 0; i < units.length; i++) {
      // Not a citation box's text; and margin notes stand beside later paragraphs than their
      // own: there the text decides.
      if (units[i].closest("details") || (marginLayout.matches && units[i].closest("li.note"))) continue;
      var box = units[i].getBoundingClientRect();
      if (box.height && box.bottom > header.getBoundingClientRect().bottom + 8) {
        return box.top < window.innerHeight ? units[i].id : "";
      }
    }
    return "";
  }
  var header = document.querySelector(".site-header");
  var lastY = window.scrollY;
  window.addEventListener("scroll", function () {
    // The header comes back while the reader scrolls up, goes while they read on.
    var y = window.scrollY;
    if (Math.abs(y - lastY) < 8) return;
    header.classList.toggle("pinned", y < lastY && y > 0);
    lastY = y;
  }, { passive: true });
  document.querySelectorAll("a.lang-switch, a.carry-place").forEach(function (link) {
    var page = link.href.split("#")[0];
    function carryPlace() {
      var id = placeInView();
      link.href = id ? page + "#" + encodeURIComponent(id) : page + location.hash;
    }
    ["pointerdown", "focus", "click", "contextmenu"].forEach(function (type) {
      link.addEventListener(type, carryPlace);
    });
  });

  // Margin notes stand level with their markers (wide screens). Without this script each
  // paragraph's notes start at the paragraph's first line (CSS); here each note is moved down,
  // with a margin the stylesheet applies only to the margin layout (--note-offset), to its
  // marker's line, or just below the note before it when two markers are close.
  var marginLayout = window.matchMedia("screen and (min-width: 70rem)");
  function placeNotes() {
    var notes = document.querySelectorAll(".para-block > .sidenotes .note");
    notes.forEach(function (note) { note.style.removeProperty("--note-offset"); });
    if (!marginLayout.matches) return;
    notes.forEach(function (note) {
      var back = note.querySelector("a.note-backref");
      var marker = back && document.getElementById(back.getAttribute("href").slice(1));
      if (!marker) return;
      var lift = note.getBoundingClientRect().top - marker.getBoundingClientRect().top;
      if (lift < -1) note.style.setProperty("--note-offset", Math.round(-lift) + "px");
    });
  }
  var placing = 0;
  function placeNotesSoon() {
    cancelAnimationFrame(placing);
    placing = requestAnimationFrame(placeNotes);
  }
  placeNotes();
  window.addEventListener("resize", placeNotesSoon);
  if (marginLayout.addEventListener) marginLayout.addEventListener("change", placeNotesSoon);
  if (document.fonts) {
    document.fonts.addEventListener("loadingdone", placeNotesSoon);
    document.fonts.ready.then(placeNotesSoon);
  }

  // Note popover: hover, focus or tap a marker to read its note in place.
  var popover = document.createElement("div");
  popover.id = "note-popover";
  popover.className = "note-popover";
  popover.setAttribute("role", "tooltip");
  popover.hidden = true;
  var body = document.createElement("div");
  popover.appendChild(body);
  document.body.appendChild(popover);

  var current = null;
  var hideTimer = null;

  function show(marker) {
    var note = document.getElementById(marker.getAttribute("href").slice(1));
    if (!note) return;
    clearTimeout(hideTimer);
    var text = note.querySelector(".note-text");
    body.innerHTML = "";
    var number = document.createElement("strong");
    number.textContent = marker.textContent.trim() + " ";
    body.appendChild(number);
    // A tooltip holds no controls: links in the note become plain text here (the note itself keeps them).
    var copy = text.cloneNode(true);
    copy.querySelectorAll("a").forEach(function (link) {
      var span = document.createElement("span");
      span.className = link.className;
      span.textContent = link.textContent;
      link.replaceWith(span);
    });
    body.appendChild(copy);
    popover.hidden = false;
    var box = marker.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    popover.style.width = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX - width / 2,
                                    window.scrollX + document.documentElement.clientWidth - width - 8));
    popover.style.left = left + "px";
    popover.style.top = (box.bottom + window.scrollY + 6) + "px";
    if (current && current !== marker) current.removeAttribute("aria-describedby");
    current = marker;
    marker.setAttribute("aria-describedby", "note-popover");
  }

  function hide() {
    popover.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  var touched = false;
  var shownBeforeTouch = false;
  document.querySelectorAll("a.noteref").forEach(function (marker) {
    marker.addEventListener("mouseenter", function () { show(marker); });
    marker.addEventListener("mouseleave", hideSoon);
    marker.addEventListener("focus", function () { show(marker); });
    marker.addEventListener("blur", hideSoon);
    marker.addEventListener("touchstart", function () {
      // Emulated mouse and focus events follow a tap and would show the note anyway:
      // remember whether it was already showing before this tap.
      touched = true;
      shownBeforeTouch = current === marker && !popover.hidden;
    }, { passive: true });
    marker.addEventListener("click", function (event) {
      // On touch, the first tap shows the note; a second tap follows the link.
      if (touched && !shownBeforeTouch) {
        event.preventDefault();
        show(marker);
      } else {
        hide();
        setTimeout(function () { focusTarget(marker.getAttribute("href")); }, 0);
      }
      touched = false;
    });
  });
  document.querySelectorAll("a.note-backref, a.para-number").forEach(function (link) {
    link.addEventListener("click", function () {
      setTimeout(function () { focusTarget(link.getAttribute("href")); }, 0);
    });
  });
  popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  popover.addEventListener("mouseleave", hideSoon);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !popover.hidden) hide();
  });
  document.addEventListener("click", function (event) {
    if (!popover.hidden && !popover.contains(event.target) && !event.target.closest("a.noteref")) hide();
  });
})();

// "Cite": a button that copies the citation of a passage (the text stays selectable without it).
(function () {
  if (!navigator.clipboard) return;
  document.querySelectorAll("details.cite").forEach(function (box) {
    var text = box.querySelector(".cite-text");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = box.dataset.copy;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.innerText.trim()).then(function () {
        button.textContent = box.dataset.copied;
        setTimeout(function () { button.textContent = box.dataset.copy; }, 2000);
      });
    });
    text.after(button);
  });
})();

// Registers of names: a back-link from a register page carries ?mark=<entry id>; every mention of
// that entry on the reading page is highlighted (without JavaScript the link still reaches its unit).
(function () {
  var id = new URLSearchParams(window.location.search).get("mark");
  if (!id) return;
  document.querySelectorAll("[data-entity]").forEach(function (mention) {
    if (mention.dataset.entity === id) mention.classList.add("marked");
  });
})();
