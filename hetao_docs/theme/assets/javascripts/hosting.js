/* "Cite" buttons on the page title and every h2/h3 section (text, BibTeX, RIS, CSL-JSON, and a
   "report an error" link), ¶ links that carry the release, and absolute link URLs for print.
   Citation data and the text template come from #hetao-cite-data (hetao_docs/cite_data.py), so the
   buttons and the examples on the source page share one template; every value the build knows
   (release dates in the edition's style, the release line, anchors, archive paths, the order of
   the releases) is computed there, and this script adds only what the browser knows. */
(function () {
  "use strict";

  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : whole;
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function isoDate(day) { return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate()); }

  function styleDate(iso, english) {
    if (!english) return iso;
    var parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });
  }

  // Heading text without the permalink "¶" or our own button.
  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .hetao-cite").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // The page's address: the published one when the site has one, else the one the reader is on
  // (side by side: the side's own page, page_href). An offline copy built without a published
  // address gives the page's path below the site's root, not the folder it was unpacked in.
  function pageAddress(data) {
    if (data.url) return data.url;
    if (location.protocol === "file:") return data.page_path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/") || "./";
    return (data.page_href ? new URL(data.page_href, location.href).href : location.href).split("#")[0].split("?")[0];
  }

  function sectionAddress(data, id) {
    return pageAddress(data) + (data.release ? "?release=" + data.release : "") + (id ? "#" + id : "");
  }

  // The archived copy of the release a citation names (the text as cited, for good): this page
  // itself in an archive; "" when the release has no archive yet.
  function archiveAddress(data, id) {
    var fragment = id ? "#" + id : "";
    if (data.archived) return pageAddress(data) + fragment;
    var ref = data.release ? releaseRef(data, data.release) : null;
    if (!ref || !ref.archive) return "";
    if (!data.published_root && location.protocol === "file:") return "";  // the offline copy holds no archive
    var root = data.published_root || new URL(data.root, location.href).href;
    return root + ref.archive + data.page_path + fragment;
  }

  // One citation in every format, from the same fields (the text template is the catalog's);
  // `today`: the date of access (a Date, default now). Every format carries the archived copy and
  // its date (Robust Links: the "html" format decorates the link with them).
  function citations(data, title, section, id, today) {
    var cite = data.cite;
    var accessed = isoDate(today || new Date());
    var releaseDate = data.release_date || accessed;
    var fields = Object.assign({}, cite, {
      site: data.site, page: title, section: section || "", url: sectionAddress(data, id), release: data.release,
      release_date: data.release ? data.release_date_text : styleDate(accessed, cite.english),
      release_year: data.release ? data.release_year : accessed.slice(0, 4),
      accessed: styleDate(accessed, cite.english)
    });
    fields.what = section ? fill(cite.citation_part, fields) : title;
    fields.based_on = data.own ? "" : fill(cite.citation_based_on, fields);
    fields.archive = archiveAddress(data, id);
    fields.archived = fields.archive ? fill(cite.citation_archived, fields) : "";
    var note = (fields.based_on + fields.archived).trim();
    var key = "hetao-" + (data.page_path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home") + (id ? "-" + id : "") + (data.release ? "-" + data.release : "");
    var dateParts = function (iso) { return [iso.split("-").map(Number)]; };
    var csl = {
      id: key, type: "webpage", title: fields.what, "container-title": data.release ? fill(cite.english ? "{site}, release {release}" : "{site}，{release}版", fields) : data.site,
      author: [{ literal: data.site }], version: data.release || undefined,
      issued: { "date-parts": dateParts(releaseDate) }, accessed: { "date-parts": dateParts(accessed) },
      URL: fields.url, language: cite.lang, note: note || undefined,
      archive: fields.archive ? data.site : undefined, archive_location: fields.archive || undefined
    };
    var bib = ["@online{" + key + ",", "  author = {{" + data.site + "}},", "  title = {" + fields.what + "},",
      "  organization = {" + data.site + "},", data.release ? "  version = {" + data.release + "}," : "",
      "  date = {" + releaseDate + "},", "  url = {" + fields.url + "},", "  urldate = {" + accessed + "},",
      "  langid = {" + cite.lang + "},", note ? "  note = {" + note + "}," : "",
      fields.archive ? "  addendum = {\\url{" + fields.archive + "}}," : "", "}"].filter(Boolean).join("\n");
    var slash = function (iso) { return iso.replace(/-/g, "/"); };
    var ris = ["TY  - ELEC", "AU  - " + data.site, "TI  - " + fields.what, "T2  - " + data.site,
      data.release ? "ET  - " + data.release : "", "PY  - " + releaseDate.slice(0, 4), "DA  - " + slash(releaseDate),
      "UR  - " + fields.url, fields.archive ? "UR  - " + fields.archive : "", "Y2  - " + slash(accessed), "LA  - " + cite.lang,
      note ? "N1  - " + note : "", "ER  - "].filter(Boolean).join("\n");
    var attr = function (value) { return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); };
    var robust = "<a href=\"" + attr(fields.url) + "\" data-originalurl=\"" + attr(fields.url) + "\"" +
      (fields.archive ? " data-versionurl=\"" + attr(fields.archive) + "\" data-versiondate=\"" + releaseDate + "\"" : "") +
      ">" + attr(fields.what).replace(/>/g, "&gt;") + "</a>";
    return { text: fill(cite.citation, fields), bibtex: bib, ris: ris, csl: JSON.stringify([csl], null, 2), html: robust, fields: fields };
  }

  function reportLink(data, fields, id) {
    var cite = data.cite;
    if (!cite.report) return null;
    var values = Object.assign({}, fields, { section_id: id || "-", edition: cite.edition });
    var link = document.createElement("a");
    link.className = "hetao-report";
    link.href = cite.report + "?title=" + encodeURIComponent(fill(cite.report_title, values)) + "&body=" + encodeURIComponent(fill(cite.report_body, values));
    link.rel = "noopener";
    link.target = "_blank";
    link.textContent = cite.report_error;
    return link;
  }

  // The whole site's root: relative online (any host or mirror); the published one in the offline
  // copy, which holds no archived releases.
  function siteRoot(data) {
    return location.protocol === "file:" && data.published_root ? data.published_root : data.root;
  }

  // A release of the change log (cite_data.ReleaseRef: its anchor and archive), or null.
  function releaseRef(data, version) {
    for (var i = 0; i < data.releases.length; i += 1) if (data.releases[i].version === version) return data.releases[i];
    return null;
  }

  // The release a citation names: the line, and links to its archived text (on the current site)
  // and its entry in the change log ([href, label] pairs).
  function releaseLine(data, id) {
    if (!data.release) return null;
    var ref = releaseRef(data, data.release);
    var links = [];
    if (!data.archived && ref && ref.archive) {
      links.push([siteRoot(data) + ref.archive + data.page_path + (id ? "#" + id : ""), data.notice.release_archive]);
    }
    if (data.changes) links.push([data.changes + "#" + data.release_anchor, data.notice.release_changes]);
    return { text: data.release_line, links: links };
  }

  function releaseLinks(data, id) {
    var release = releaseLine(data, id);
    if (!release) return null;
    var line = document.createElement("p");
    line.className = "hetao-cite-dialog__release";
    line.textContent = release.text + " ";
    appendLinks(line, release.links);
    return line;
  }

  // [href, label] pairs as links, " · " between them.
  function appendLinks(element, links) {
    links.forEach(function (entry, index) {
      if (index) element.appendChild(document.createTextNode(" · "));
      var link = document.createElement("a");
      link.href = entry[0];
      link.textContent = entry[1];
      element.appendChild(link);
    });
  }

  // The article's title as published, marked as Simplified Chinese inside any edition's text.
  function showText(box, text, title) {
    box.textContent = "";
    text.split(title).forEach(function (part, index) {
      if (index) {
        var span = document.createElement("span");
        span.lang = "zh-Hans";
        span.textContent = title;
        box.appendChild(span);
      }
      box.appendChild(document.createTextNode(part));
    });
  }

  // Clipboard API where allowed; otherwise a hidden textarea (inside the open dialog: the page
  // behind a modal dialog is inert) and execCommand.
  function copyText(text, within) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return copyByCommand(text, within); });
    }
    return Promise.resolve(copyByCommand(text, within));
  }

  function copyByCommand(text, within) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    within.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    area.remove();
    return copied;
  }

  var FORMATS = [["text", null], ["bibtex", "BibTeX"], ["ris", "RIS"], ["csl", "CSL-JSON"], ["html", "HTML"]];

  function citeDialog(data, heading, pageTitle) {
    var cite = data.cite;
    var isPage = heading.tagName === "H1";
    var id = isPage ? "" : sectionId(heading);
    var all = citations(data, pageTitle, isPage ? "" : headingText(heading), id);
    var dialog = document.createElement("dialog");
    dialog.className = "hetao-cite-dialog md-typeset";
    dialog.setAttribute("aria-label", (isPage ? cite.cite_page_label : cite.cite_label) + (isPage ? pageTitle : headingText(heading)));
    var bar = document.createElement("div");
    bar.className = "hetao-cite-dialog__formats";
    bar.setAttribute("role", "group");
    var out = document.createElement("pre");
    out.className = "hetao-cite-dialog__text";
    out.tabIndex = 0;
    var status = document.createElement("p");
    status.className = "hetao-cite-dialog__status";
    status.setAttribute("role", "status");
    var current = "text";
    function show(format) {
      current = format;
      bar.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b.value === format)); });
      out.lang = format === "text" ? cite.lang : "und";
      showText(out, all[format], cite.title_zh);
      status.textContent = "";
    }
    FORMATS.forEach(function (entry) {
      var button = document.createElement("button");
      button.type = "button";
      button.value = entry[0];
      button.textContent = entry[1] || cite.cite_text_format;
      button.addEventListener("click", function () { show(entry[0]); });
      bar.appendChild(button);
    });
    var actions = document.createElement("div");
    actions.className = "hetao-cite-dialog__actions";
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "md-button md-button--primary";
    copy.textContent = cite.cite_copy;
    copy.addEventListener("click", function () {
      copyText(all[current], dialog).then(function (copied) { status.textContent = copied ? cite.cite_copied : cite.cite_failed; });
    });
    var close = document.createElement("button");
    close.type = "button";
    close.className = "md-button";
    close.textContent = cite.cite_close;
    close.addEventListener("click", function () { dialog.close(); });
    actions.appendChild(copy);
    actions.appendChild(close);
    var report = reportLink(data, all.fields, id);
    if (report) actions.appendChild(report);
    dialog.appendChild(bar);
    dialog.appendChild(out);
    var release = releaseLinks(data, id);
    if (release) dialog.appendChild(release);
    dialog.appendChild(actions);
    dialog.appendChild(status);
    var opener = document.activeElement;
    dialog.addEventListener("close", function () {
      dialog.remove();
      if (opener && opener.focus) opener.focus();  // back to the button that opened it
    });
    document.body.appendChild(dialog);
    show("text");
    dialog.showModal();
    copy.focus();
  }

  // Sections one can cite: the page (h1) and its h2/h3 sections, not the headings that only group
  // entries (the glossary's letters: data-cite="no").
  // A heading's section id; side by side, the row holds it (data-section: side_by_side.py).
  function sectionId(heading) {
    return heading.getAttribute("data-section") || heading.id;
  }

  // `parts`: the article, or side by side the cells of one edition's text.
  function addCiteButtons(data, parts) {
    var cite = data.cite;
    parts = parts || [document.querySelector(".md-content .md-typeset")].filter(Boolean);
    var h1 = null;
    parts.forEach(function (part) { h1 = h1 || part.querySelector(":scope > h1"); });
    var pageTitle = h1 ? headingText(h1) : document.title;
    // (a glossary entry's heading is inside its row and shown to screen readers only: its button
    // goes after it, into the open entry)
    parts.forEach(function (article) {
    article.querySelectorAll(":scope > h1, :scope > h2[id], :scope > h3[id], :scope > h2[data-section], :scope > h3[data-section], :scope > details > h3[id]").forEach(function (heading) {
      var inRow = heading.parentElement !== article;
      if (heading.querySelector(".hetao-cite") || heading.getAttribute("data-cite") === "no") return;
      var isPage = heading.tagName === "H1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hetao-cite";
      button.textContent = isPage ? cite.cite_page_button : cite.cite_button;
      var label = (isPage ? cite.cite_page_label : cite.cite_label) + (isPage ? pageTitle : headingText(heading));
      button.setAttribute("aria-label", label);
      button.title = label;
      button.setAttribute("aria-haspopup", "dialog");
      button.addEventListener("click", function () { citeDialog(data, heading, pageTitle); });
      if (inRow) heading.insertAdjacentElement("afterend", button);
      else heading.appendChild(button);
    });
    });
  }

  // Every ¶ copies the section's address with the release it was copied from.
  function setPermalinks(data, parts) {
    (parts || [document]).forEach(function (part) { part.querySelectorAll(".md-content .md-typeset .headerlink").forEach(function (link) {
      var id = (link.getAttribute("href") || "").replace(/^#/, "");
      if (id) link.setAttribute("data-clipboard-text", sectionAddress(data, decodeURIComponent(id)));
    }); });
  }

  // A link copied in an earlier release (?release=X#section): if the section has changed since X,
  // say so at the section, with the text as cited (X's archive) and the change log.
  // Whether release `version` is newer than `than` (data.releases is oldest first; a version the
  // change log does not list is newer than none).
  function newer(data, version, than) {
    var a = data.releases.indexOf(releaseRef(data, version)), b = data.releases.indexOf(releaseRef(data, than));
    return a >= 0 && b >= 0 && a > b;
  }

  // What to say of a link copied in release `cited`, at section `id` ("" for the page as a whole):
  // null when it has not changed since, else the notice's text and its links ([href, label]: the
  // text as cited, the change log). A release the site never had gets a notice of its own.
  function changedSince(data, id, cited) {
    if (data.archived) return null;
    var texts = data.notice;
    var citedRef = releaseRef(data, cited);
    if (!citedRef) {
      var published = data.releases.filter(function (r) { return r.archive || r.version === data.release; });
      return { text: fill(texts.notice_unknown, { cited: cited, versions: published.map(function (r) { return r.version; }).join(", ") }), links: [] };
    }
    var since = (data.changed[id] || []).filter(function (v) { return newer(data, v, cited); });
    var unreleased = data.unreleased.indexOf(id) >= 0;
    if (!since.length && !unreleased) return null;
    var links = [];
    if (citedRef.archive) {
      links.push([siteRoot(data) + citedRef.archive + data.page_path + (id ? "#" + id : ""), fill(texts.notice_cited, { cited: cited })]);
    }
    if (data.changes) {
      links.push([data.changes + (since.length ? "#" + releaseRef(data, since[since.length - 1]).anchor : ""), texts.notice_changes]);
    }
    var versions = since.concat(unreleased ? [texts.unreleased_short] : []).join(", ");
    return { text: fill(id ? texts.notice : texts.notice_page, { cited: cited, versions: versions }), links: links };
  }

  // The page's sections that changed since release `cited` (a page-level citation lists them).
  function sectionsChangedSince(data, cited) {
    return Object.keys(data.changed).concat(data.unreleased).filter(function (key, index, all) {
      if (!key || all.indexOf(key) !== index) return false;
      return data.unreleased.indexOf(key) >= 0 || (data.changed[key] || []).some(function (v) { return newer(data, v, cited); });
    });
  }

  // The notice goes under the cited section's heading (and its provenance and last-changed lines),
  // or under the page title for a page-level citation; with it, what changed: the section's words
  // as compared when the site was built (section_history.py), or the sections that changed.
  function showChangedSince(data) {
    var old = document.querySelector(".hetao-changed-since");
    if (old) old.remove();
    var cited = new URLSearchParams(location.search).get("release");
    var title = document.querySelector(".md-content .md-typeset h1");
    if (!cited || !title) return;
    var id = decodeURIComponent(location.hash.replace(/^#/, ""));
    var heading = id && document.getElementById(id);
    var section = heading && /^H[2-6]$/.test(heading.tagName) ? id : "";
    var notice = changedSince(data, section, cited);
    if (!notice) return;
    var box = document.createElement("div");
    box.className = "hetao-changed-since";
    box.setAttribute("role", "note");
    var message = document.createElement("p");
    message.textContent = notice.text;
    box.appendChild(message);
    if (notice.links.length) {
      var links = document.createElement("p");
      appendLinks(links, notice.links);
      box.appendChild(links);
    }
    var diff = section && releaseRef(data, cited) &&
      document.querySelector("#" + data.history_prefix + CSS.escape(section) + " [data-since='" + CSS.escape(cited) + "'] .hetao-diff");
    if (diff) {
      var intro = document.createElement("p");
      intro.textContent = data.notice.notice_diff;
      box.appendChild(intro);
      box.appendChild(diff.cloneNode(true));
    }
    var changed = !section && releaseRef(data, cited) ? sectionsChangedSince(data, cited) : [];
    var list = document.createElement("p");
    changed.forEach(function (key) {
      var target = document.getElementById(key);
      if (!target) return;
      list.appendChild(document.createTextNode(list.childNodes.length ? " · " : data.notice.notice_sections));
      var link = document.createElement("a");
      link.href = "#" + (document.getElementById(data.history_prefix + key) ? data.history_prefix + key : key);
      link.setAttribute("data-section", key);
      link.textContent = headingText(target);
      list.appendChild(link);
    });
    if (list.childNodes.length) box.appendChild(list);
    var after = section ? heading : title;
    while (after.nextElementSibling && /hetao-(provenance|changed)\b/.test(after.nextElementSibling.className)) after = after.nextElementSibling;
    after.insertAdjacentElement("afterend", box);
  }

  // An archived release's "current text" link lands on the same section.
  function keepSectionInArchiveLink() {
    var link = document.querySelector(".hetao-archived__current");
    if (link && location.hash) link.href = link.href.split("#")[0] + location.hash;
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
    if (node) {
      var data = JSON.parse(node.textContent);
      setPermalinks(data);
      addCiteButtons(data);
      showChangedSince(data);
      window.addEventListener("hashchange", function () { showChangedSince(data); });
      keepSectionInArchiveLink();
    }
    // side by side: each edition's text cites its own page (side_by_side.py)
    document.querySelectorAll("script.hetao-sbs-cite").forEach(function (script) {
      var parts = Array.prototype.slice.call(document.querySelectorAll(".hetao-sbs__cell[data-edition='" + script.getAttribute("data-edition") + "']"));
      var sideData = JSON.parse(script.textContent);
      setPermalinks(sideData, parts);
      addCiteButtons(sideData, parts);
    });
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
  // Under Node (tests/js, the JavaScript unit tier): the pure functions, and no page to set up.
  if (typeof module === "object" && module.exports) {
    module.exports = { fill: fill, styleDate: styleDate, citations: citations, releaseLine: releaseLine, newer: newer, changedSince: changedSince,
      sectionsChangedSince: sectionsChangedSince };
    return;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenMaterialIsReady);
  else whenMaterialIsReady();
})();
