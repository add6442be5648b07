// Photos on forms and in posts: small enhancements; everything works without this file.
(function () {
  "use strict";

  // Photo slots (templates/forum/includes/photo_fields.html): every slot is in the page; the
  // untouched ones beyond the first fold away behind "Add another photo", which opens the
  // next one and puts the focus on its file input.
  document.querySelectorAll("[data-photo-fields]").forEach(function (fields) {
    var button = fields.querySelector("[data-photo-add]");
    var spares = fields.querySelectorAll("[data-photo-spare]");
    if (!button || spares.length < 2) return;
    for (var i = 1; i < spares.length; i++) spares[i].hidden = true;
    var nextHidden = function () {
      return fields.querySelector("[data-photo-spare][hidden]");
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      var next = nextHidden();
      if (!next) return;
      next.hidden = false;
      var input = next.querySelector("input[type=file]");
      if (input) input.focus();
      if (!nextHidden()) button.hidden = true; // the limit is reached
    });
  });

  // The photo viewer (templates/forum/includes/gallery.html) opens with :target, without
  // JavaScript. Here the focus moves to its Close link when it opens; Escape closes it as that
  // link does, and on closing the focus goes back to the thumbnail that opened it.
  var viewerOpen = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var box = id && document.getElementById(id);
    return box && box.classList.contains("lightbox") ? box : null;
  };
  var shown = viewerOpen();
  window.addEventListener("hashchange", function () {
    var box = viewerOpen();
    if (box) {
      var close = box.querySelector("[data-lightbox-close]");
      if (close) close.focus();
    } else if (shown) {
      var thumb = document.querySelector('.gallery__thumb[href="#' + shown.id + '"]');
      if (thumb) thumb.focus();
    }
    shown = box;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var box = viewerOpen();
    if (!box) return;
    var close = box.querySelector("[data-lightbox-close]");
    event.preventDefault();
    location.hash = close ? close.hash : "";
  });
})();
