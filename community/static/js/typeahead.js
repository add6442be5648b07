// The header search box's type-ahead, as an ARIA combobox: htmx fetches the first results as
// the customer types (the hx-* attributes in includes/site_header.html); this file makes them
// usable by keyboard and screen reader. Focus stays in the box: the arrow keys move through
// the options, Enter opens the highlighted one (or submits the search), Escape closes the
// list. Without this file, or without htmx, the box is a plain search form.
(function () {
  "use strict";

  var input = document.getElementById("site-search-q");
  var popup = document.getElementById("site-search-typeahead");
  var status = document.getElementById("site-search-status");
  if (!input || !popup || !status || !window.htmx) {
    return;
  }
  var active = -1;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", "site-search-listbox");

  function options() {
    return Array.prototype.slice.call(popup.querySelectorAll('[role="option"]'));
  }

  function highlight(index) {
    var all = options();
    active = index;
    all.forEach(function (option, position) {
      var on = position === index;
      option.setAttribute("aria-selected", on ? "true" : "false");
      // The option is the result's link; its list item carries the highlight.
      option.parentNode.classList.toggle("is-active", on);
    });
    if (index >= 0 && all[index]) {
      input.setAttribute("aria-activedescendant", all[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(wanted) {
    var expanded = wanted && options().length > 0;
    popup.hidden = !expanded;
    input.setAttribute("aria-expanded", expanded ? "true" : "false");
    if (!expanded) {
      highlight(-1);
    }
  }

  // htmx swapped in new suggestions (or none): show them and say how many there are.
  popup.addEventListener("htmx:afterSwap", function () {
    var list = popup.querySelector("[data-status]");
    status.textContent = list ? list.getAttribute("data-status") : "";
    highlight(-1);
    show(document.activeElement === input);
  });

  input.addEventListener("input", function () {
    highlight(-1);
  });

  input.addEventListener("keydown", function (event) {
    var all = options();
    var expanded = input.getAttribute("aria-expanded") === "true";
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) {
        return;
      }
      event.preventDefault();
      var down = event.key === "ArrowDown";
      if (!expanded) {
        show(true);
        highlight(down ? 0 : all.length - 1);
        return;
      }
      // Down past the last option starts again at the first; up from the first goes back to
      // the box itself (nothing highlighted), and from there to the last.
      var next = down ? active + 1 : active - 1;
      if (next >= all.length) {
        next = 0;
      } else if (next < -1) {
        next = all.length - 1;
      }
      highlight(next);
    } else if (event.key === "Enter") {
      var link = expanded && active >= 0 && all[active];
      if (link) {
        event.preventDefault();
        window.location.assign(link.href);
      }
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault(); // the list closes; the typed words stay
      show(false);
    }
  });

  // A click on an option must not take the focus out of the box first (that would close the
  // list before the click arrives).
  popup.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });
  input.addEventListener("blur", function () {
    show(false);
  });
  input.addEventListener("focus", function () {
    show(true);
  });
  // Back from a result (the page restored from the browser's cache): start closed.
  window.addEventListener("pageshow", function () {
    show(false);
  });
})();
