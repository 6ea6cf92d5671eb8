/*
 * How search reads the quotes in a query, defined once for the search worker (workers/search-hetao.js:
 * a quoted part must occur as it is) and the page (search.js: the notice naming a phrase no section
 * contains). hetao_docs/assets.py puts this file first in both bundles; it leaves its functions on
 * the global scope (the page's window, the worker's self) as __hetaoSearchText.
 */
(function (scope) {
  "use strict"

  /* The quotes a reader may type around a phrase: ASCII, Chinese, Hong Kong corner brackets */
  var QUOTES = [["\"", "\""], ["\u201c", "\u201d"], ["\u300c", "\u300d"], ["\u300e", "\u300f"]]

  function escape(text) { return text.replace(/[\\^$.*+?()[\]{}|-]/g, "\\$&") }

  /* "…" or an unclosed "… (the reader is still typing): one group per pair, its inside */
  var QUOTED = new RegExp(QUOTES.map(function (pair) {
    return escape(pair[0]) + "([^" + escape(pair[1]) + "]*)" + escape(pair[1]) + "?"
  }).join("|"), "g")
  var OUTER = new RegExp("^[" + QUOTES.map(function (pair) { return escape(pair[0]) }).join("") + "]|[" +
    QUOTES.map(function (pair) { return escape(pair[1]) }).join("") + "]$", "g")

  /* The quoted parts of a query ({all: as typed, inside}) and the rest, each part a space */
  function quoted(raw) {
    var parts = []
    var rest = String(raw).replace(QUOTED, function (all) {
      var groups = Array.prototype.slice.call(arguments, 1, 1 + QUOTES.length)
      parts.push({ all: all, inside: groups.filter(function (g) { return g !== undefined })[0] || "" })
      return " "
    })
    return { parts: parts, rest: rest }
  }

  /* The query's quoted phrases as the reader typed them, without the outermost quotes (for a
     notice, which adds its own quotation marks) */
  function typedPhrases(raw) {
    var typed = quoted(raw).parts
      .filter(function (part) { return part.inside.trim() })
      .map(function (part) { return part.all.trim() })
    return typed.join(" ").replace(OUTER, "")
  }

  var api = { quoted: quoted, typedPhrases: typedPhrases }
  scope.__hetaoSearchText = api
  if (typeof module === "object" && module.exports) module.exports = api /* Node: tests/js */
})(typeof self !== "undefined" ? self : globalThis)
