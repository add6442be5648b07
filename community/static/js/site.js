// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // On narrow screens the main navigation folds behind a "Menu" button.
  var toggle = document.querySelector("[data-nav-toggle]");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    document.documentElement.classList.add("js-nav");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("is-open", !open);
    });
  }

  // An htmx swap replaces the control that was used (a vote button): focus would fall back to
  // the page's start. Put it on the same control in the new fragment.
  var focusKept = null;
  var FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    focusKept = null;
    if (target && target.id && active && target.contains(active)) {
      var controls = Array.prototype.slice.call(target.querySelectorAll(FOCUSABLE));
      focusKept = { id: target.id, index: controls.indexOf(active) };
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusKept) return;
    var fragment = document.getElementById(focusKept.id);
    var kept = focusKept;
    focusKept = null;
    if (!fragment) return;
    var controls = fragment.querySelectorAll(FOCUSABLE);
    var control = controls[kept.index] || controls[0];
    if (control) control.focus();
  });
})();
