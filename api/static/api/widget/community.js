/* The community widget for a shop's product page (v1).
 *
 *   <script src="https://community.example/widget/v1/community.js" data-sku="CW-SKL-28" async></script>
 *
 * Shows the product's rating, its three most helpful questions with their answers, the latest
 * reviews and links to the community, in a shadow root right after the script tag (or inside
 * the element named by data-target), so the shop's styles and the widget's never mix. One
 * request, anonymous and cached, to /api/v1/products/<sku>/widget/. Text is only ever set as
 * text, never as HTML. No framework; the page's language (lang attribute or data-lang) picks
 * English or Dutch.
 */
(function () {
  "use strict";

  var CSS =
    ":host{all:initial;display:block;contain:content;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328}" +
    "*{box-sizing:border-box}" +
    ".w{border:1px solid #d0d7de;border-radius:8px;padding:16px;background:#fff;max-width:44rem}" +
    "h2{font-size:1.15em;margin:0 0 8px}h3{font-size:1em;margin:16px 0 6px}" +
    ".stars{color:#9a6700;letter-spacing:1px}.muted{color:#57606a;font-size:.9em}" +
    "ul{list-style:none;margin:0;padding:0}li{padding:8px 0;border-top:1px solid #eaeef2}" +
    "li:first-child{border-top:0}p{margin:4px 0}" +
    ".tag{display:inline-block;font-size:.8em;padding:0 6px;border-radius:10px;background:#dafbe1;color:#116329;margin-left:4px}" +
    "a{color:#0550ae;text-decoration:underline}a:focus-visible{outline:3px solid #0969da;outline-offset:2px;border-radius:2px}" +
    ".links{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:12px}" +
    ".btn{display:inline-block;padding:6px 12px;border-radius:6px;background:#0550ae;color:#fff;text-decoration:none}";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    var name;
    for (name in attrs || {}) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function stars(rating, label) {
    var full = Math.round(rating || 0);
    return el("span", {
      class: "stars",
      role: "img",
      "aria-label": label,
      text: "★★★★★".slice(0, full) + "☆☆☆☆☆".slice(0, 5 - full),
    });
  }

  function link(href, text, cls) {
    return el("a", { href: href, class: cls || "", text: text });
  }

  function render(root, data, id) {
    var words = data.labels;
    var rating = data.rating;
    var heading = el("h2", { id: id, text: words.title + ": " + data.product.name });
    var summary = el("p", {}, [
      rating.review_count ? stars(rating.average, words.rating) : null,
      el("span", {
        class: "muted",
        text: " " + (rating.review_count ? words.review_count : words.no_reviews),
      }),
    ]);

    var questions = el("ul");
    data.questions.forEach(function (question) {
      var answer = question.answer;
      var mark = answer.official ? words.official : answer.accepted ? words.accepted : "";
      questions.appendChild(
        el("li", {}, [
          el("p", {}, [link(question.url, question.title), mark ? el("span", { class: "tag", text: mark }) : null]),
          el("p", { text: answer.text }),
          el("p", { class: "muted", text: words.answered_by.replace("%(name)s", answer.author) }),
        ])
      );
    });

    var reviews = el("ul");
    data.reviews.forEach(function (review) {
      reviews.appendChild(
        el("li", {}, [
          el("p", {}, [
            stars(review.rating, words.stars.replace("%(stars)s", review.rating)),
            el("span", { text: " " }),
            link(review.url, review.title),
          ]),
          el("p", { text: review.text }),
          el("p", { class: "muted", text: review.author }),
        ])
      );
    });

    var section = el("section", { class: "w", "aria-labelledby": id, lang: data.language }, [
      heading,
      summary,
      el("h3", { text: words.questions }),
      data.questions.length ? questions : el("p", { class: "muted", text: words.no_questions }),
      data.reviews.length ? el("h3", { text: words.reviews }) : null,
      data.reviews.length ? reviews : null,
      el("p", { class: "links" }, [
        link(data.links.ask_question, words.ask_question, "btn"),
        link(data.links.all_reviews, words.all_reviews),
        link(data.links.all_questions, words.all_questions),
      ]),
    ]);
    root.appendChild(section);
  }

  function style(root) {
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
        return;
      } catch (e) {
        /* older browsers: a style element below */
      }
    }
    root.appendChild(el("style", { text: CSS }));
  }

  function mount(script, index) {
    if (script.getAttribute("data-community-mounted")) return;
    script.setAttribute("data-community-mounted", "1");
    var sku = script.getAttribute("data-sku");
    if (!sku) return;
    var origin = new URL(script.src, document.baseURI).origin;
    var lang = (script.getAttribute("data-lang") || document.documentElement.lang || "en")
      .toLowerCase()
      .indexOf("nl") === 0 ? "nl" : "en";
    var target = script.getAttribute("data-target");
    var host = (target && document.getElementById(target)) || el("div", { class: "community-widget" });
    if (!host.parentNode) script.parentNode.insertBefore(host, script.nextSibling);
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    style(root);
    var url = origin + "/api/v1/products/" + encodeURIComponent(sku) + "/widget/?lang=" + lang;
    fetch(url, { mode: "cors", credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      })
      .then(function (data) {
        render(root, data, "community-widget-" + index);
      })
      .catch(function (error) {
        host.hidden = true;
        if (window.console) console.warn("Community widget:", error.message);
      });
  }

  var scripts = document.querySelectorAll('script[data-sku][src*="/widget/v1/community.js"]');
  Array.prototype.forEach.call(scripts, mount);
})();
