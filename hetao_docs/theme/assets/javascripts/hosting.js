/* "Cite this section" buttons on every h2/h3, and absolute link URLs for print (print.css).
   Citation data and format come from #hetao-cite-data, written by the hetao plugin, so the
   buttons and the examples on the source page share one template. */
(function () {
  "use strict";

  var STATUS_MS = 5000;

  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : whole;
    });
  }

  function accessedDate(english) {
    var now = new Date();
    if (english) {
      return now.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });
    }
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // Heading text without the permalink "¶" or our own button.
  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .hetao-cite").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function statusBox() {
    var box = document.getElementById("hetao-cite-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "hetao-cite-status";
      box.className = "hetao-cite-status";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    return box;
  }

  function announce(message, citation) {
    var box = statusBox();
    box.textContent = "";
    var label = document.createElement("span");
    label.textContent = message;
    var text = document.createElement("span");
    text.className = "hetao-cite-status__text";
    text.textContent = citation;
    box.appendChild(label);
    box.appendChild(text);
    box.hidden = false;
    clearTimeout(box.hideTimer);
    box.hideTimer = setTimeout(function () { box.hidden = true; }, STATUS_MS);
  }

  // Clipboard API where allowed; otherwise a hidden textarea and execCommand.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return copyByCommand(text); });
    }
    return Promise.resolve(copyByCommand(text));
  }

  function copyByCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    area.remove();
    return copied;
  }

  function addCiteButtons(data) {
    var cite = data.cite;
    var article = document.querySelector(".md-content .md-typeset");
    if (!article) return;
    var h1 = article.querySelector("h1");
    var pageTitle = h1 ? headingText(h1) : document.title;
    var h2Count = 0;
    var h3Count = 0;
    article.querySelectorAll(":scope > h2[id], :scope > h3[id]").forEach(function (heading) {
      if (heading.querySelector(".hetao-cite")) return;
      if (heading.tagName === "H2") { h2Count += 1; h3Count = 0; } else { h3Count += 1; }
      var number = heading.tagName === "H2" ? String(h2Count) : h2Count + "." + h3Count;
      var title = headingText(heading);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hetao-cite";
      button.textContent = cite.cite_button;
      button.setAttribute("aria-label", cite.cite_label + title);
      button.title = cite.cite_label + title;
      button.addEventListener("click", function () {
        // The article's fields (author, title, date…) come with the template; the rest is this section's.
        var citation = fill(cite.template, Object.assign({}, cite, {
          site: data.site, page: pageTitle, number: number, section: title,
          url: data.url + "#" + heading.id, accessed: accessedDate(cite.english)
        }));
        copyText(citation).then(function (copied) {
          announce(copied ? cite.cite_copied : cite.cite_failed, citation);
          button.classList.toggle("hetao-cite--done", copied);
        });
      });
      heading.appendChild(button);
    });
  }

  // Printed pages show where each link goes (print.css prints data-print-url after the link);
  // not for permalinks, same-page jumps or term definitions (.hetao-term: the glossary entry).
  function markLinksForPrint() {
    document.querySelectorAll(".md-content .md-typeset a[href]:not(.headerlink):not(.hetao-term)").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#") return;
      link.setAttribute("data-print-url", link.href);
    });
  }

  // Material's search overlay has role="dialog" but no accessible name (Lighthouse: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder") || "Search");
    }
  }

  function init() {
    nameSearchDialog();
    var node = document.getElementById("hetao-cite-data");
    if (node) addCiteButtons(JSON.parse(node.textContent));
    markLinksForPrint();
  }

  // This script is deferred: it runs after Material's bundle, once the page is parsed, and just
  // before Material sets the page up (its document$, on DOMContentLoaded). Run after that, in a
  // task of its own, so the page's first long task does not get longer.
  function whenMaterialIsReady() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { setTimeout(init); });
    } else {
      init();
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenMaterialIsReady);
  else whenMaterialIsReady();
})();
