// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // On narrow screens the main navigation (and the search box) folds behind a "Menu" button;
  // Escape folds it again and gives the focus back to the button.
  var toggle = document.querySelector("[data-nav-toggle]");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    document.documentElement.classList.add("js-nav");
    var header = toggle.closest(".site-header");
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
      if (header) header.classList.toggle("is-nav-open", open);
    };
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Long filter forms fold away on phones; the member opens them when they need them.
  if (window.matchMedia("(max-width: 44rem)").matches) {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
      details.removeAttribute("open");
    });
  }

  // Actions that cannot be undone ask first (the server does not depend on it).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // In a list where every row has its own actions inside one form (the moderation queue),
  // Enter in a row's box acts on that row, never on the form's first button: a box marked
  // data-row-enter="suspend" presses the row's [data-row-default="suspend"] button, any other
  // box the row's plain [data-row-default] one. Without one, Enter does nothing.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var box = event.target.closest("[data-row-enter]");
    var row = box && box.closest("[data-row-actions]");
    if (!row) return;
    event.preventDefault();
    var which = box.getAttribute("data-row-enter");
    var action = row.querySelector(which ? '[data-row-default="' + which + '"]' : "[data-row-default='']");
    if (action) action.click();
  });

  // A button that posts and comes back to the same page (accepting an answer, following a
  // question) reloads the page: the focus would start at the top again. Put it back on the
  // same form's button (found by the form's address, as its label may have changed), so the
  // keyboard goes on from where it was. Only right after that post, and only on that page.
  var RETURN_KEY = "community:return-focus";
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-return-focus]");
    if (!form || event.defaultPrevented) return;
    try {
      window.sessionStorage.setItem(
        RETURN_KEY,
        JSON.stringify({ path: window.location.pathname, action: form.getAttribute("action"), at: Date.now() })
      );
    } catch (error) {
      // No session storage (private mode): the page works as before.
    }
  });
  // After the page has loaded: arriving at an address with a #fragment moves the focus to
  // the page itself, which would undo an earlier focus().
  window.addEventListener("load", function returnFocus() {
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(RETURN_KEY) || "null");
      window.sessionStorage.removeItem(RETURN_KEY);
    } catch (error) {
      return;
    }
    if (!saved || saved.path !== window.location.pathname || Date.now() - saved.at > 30000) return;
    var forms = document.querySelectorAll("form[data-return-focus]");
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].getAttribute("action") === saved.action) {
        var button = forms[i].querySelector("button[type=submit], button:not([type])");
        if (button) button.focus();
        return;
      }
    }
  });

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
