/*
 * Material's search worker, with our ranking in front of it.
 *
 * 1. Ranking. Material's lunr search ORs the words of a query, so pages sharing common words (数据,
 *    跨境) outrank the one section that contains the phrase. We answer a query ourselves from the
 *    index's documents (captured from Material's SETUP message), in tiers:
 *      - sections that contain the query verbatim, once punctuation, width, case, tone marks and the
 *        spaces between Chinese words are folded away (see `fold`; the JavaScript unit tier, tests/js/,
 *        holds it to hetao_docs/search.py phrase_key);
 *      - else sections that contain every word of it (AND);
 *      - else, for a query of several words, Material's own (OR) results, marked "partial" so the
 *        page can say that no section contains them all.
 *    A quoted part ("…", “…”, 「…」, 『…』: search-text.js) must occur as it is: nothing else is
 *    shown, and an empty answer is marked "none" (no section contains it). Within a tier: content
 *    sections before the reference pages (glossary, index of terms) before the sections about the
 *    site itself (the plugin gives those a lower `boost` in the index: hetao_docs/search.py
 *    section_boosts), then a match in the title before one in the body, then by how often the body
 *    has it.
 *    Results keep Material's shape (items grouped by page, the page's own entry in each group) and
 *    carry `hetao: {mode}`, which search.js turns into a notice. Material renders a group's sections
 *    whose score equals the best one's and folds the rest under "more": up to SHOWN sections of the
 *    same tier, kind and title match as the best get its score, so they are shown.
 *
 * 2. Words. A Chinese query is split into the index's words (longest first), which we collect from
 *    the documents: Material's index separates them (jieba's) with its `separator`. For Material's
 *    own search we hand it one run per word, each followed by one extra Han character, which its
 *    segmenter never reads (it never tests a word that ends at a run's last character, and joins
 *    the words as "监管* 沙盒": 监管沙盒 was searched as 监管 alone).
 *
 * The page loads this file instead of Material's worker (hetao_docs/material.py, use_search_worker),
 * passing Material's file name as ?material=…, which we load when a query first needs it (below).
 */
(function () {
  "use strict"

  var SETUP = 0                      /* Material's SearchMessageType.SETUP: data = the index */
  var QUERY = 2                      /* Material's SearchMessageType.QUERY */
  var RESULT = 3                     /* Material's SearchMessageType.RESULT */
  var UNREAD_HAN = "\u3007"          /* 〇: any Han character works, it is never read */
  var HAN = /\p{sc=Han}/u
  var WORD_CHAR = /[\p{L}\p{N}]/u
  var searchText = self.__hetaoSearchText /* search-text.js, first in this bundle: the quotes */
  var docs = null                    /* the index's documents, folded: see prepare */
  var variants = Object.create(null) /* characters read as another (search.py script_variants) */
  var vocabulary = Object.create(null) /* the index's Han words (split by Material's separator) */
  var byLocation = {}

  /*
   * The matching key of a text: NFKC (full width → half width), tone marks dropped, lower case;
   * every run of other characters (punctuation, spaces, symbols, Material's U+200B) is one space,
   * and none is kept next to a Han character. `html`: the text is Material's HTML (tags skipped,
   * entities read). `at[i]`/`to[i]`: where the key's i-th character comes from in `text`.
   */
  function fold(text, html) {
    var key = "", at = [], to = [], gap = -1
    for (var i = 0; i < text.length;) {
      var start = i, c = text[i]
      if (html && c === "<") {
        var close = text.indexOf(">", i)
        if (close >= 0) { i = close + 1; gap = gap < 0 ? start : gap; continue }
      }
      if (html && c === "&") {
        var entity = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(text.slice(i, i + 12))
        if (entity) { c = entityChar(entity[1]); i += entity[0].length }
        else i++
      } else {
        var point = text.codePointAt(i)
        c = String.fromCodePoint(point)
        i += c.length
      }
      var folded = foldChar(c)
      for (var k = 0; k < folded.length; k++) {
        var f = folded[k]
        if (!WORD_CHAR.test(f)) { if (gap < 0) gap = start; continue }
        if (gap >= 0 && key && !HAN.test(f) && !HAN.test(key[key.length - 1])) {
          key += " "; at.push(gap); to.push(start)
        }
        gap = -1
        key += f; at.push(start); to.push(i)
      }
    }
    return { key: key, at: at, to: to }
  }

  /* One character folded; ASCII and CJK ideographs (most of the text) without normalize() */
  var folds = {}
  function foldChar(c) {
    var code = c.charCodeAt(0)
    if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c
    if (code >= 0x4e00 && code <= 0x9fff) return c
    var folded = folds[c]
    if (folded === undefined)
      folded = folds[c] = c.normalize("NFKC").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
    return folded
  }

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " }
  function entityChar(name) {
    if (name[0] === "#") {
      var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return String.fromCodePoint(code)
    }
    return ENTITIES[name.toLowerCase()] || " "
  }

  /* Kinds of document, from the boost the plugin writes (none = content) */
  function kindOf(doc) {
    var boost = typeof doc.boost === "number" ? doc.boost : 1
    return boost >= 1 ? 2 : boost >= 0.5 ? 1 : 0
  }

  function prepare(data) {
    var pairs = Array.from(String((data.config && data.config.hetao_variants) || ""))
    for (var v = 0; v + 1 < pairs.length; v += 2) variants[pairs[v]] = pairs[v + 1]
    var separator = new RegExp(data.config.separator, "u")
    docs = data.docs.map(function (doc) {
      byLocation[doc.location] = doc
      ;[doc.title, doc.text].forEach(function (field) {
        String(field || "").replace(/<[^>]*>/g, " ").split(separator).forEach(function (word) {
          if (HAN.test(word)) vocabulary[inIndexScript(word).toLowerCase()] = true
        })
      })
      /* (the same length: the keys' positions are the text's) */
      return { doc: doc, title: fold(inIndexScript(doc.title || ""), true), text: fold(inIndexScript(doc.text || ""), true), kind: kindOf(doc) }
    })
  }

  /* Start offsets of `needle` in `key`; a Latin needle starts at a word start (prefix of a word is fine) */
  function positions(key, needle) {
    var found = []
    if (!needle) return found
    var latin = !HAN.test(needle[0])
    for (var p = key.indexOf(needle); p >= 0; p = key.indexOf(needle, p + 1)) {
      if (latin && p > 0 && WORD_CHAR.test(key[p - 1]) && !HAN.test(key[p - 1])) continue
      found.push(p)
    }
    return found
  }

  /* Longest indexed word starting at `start` of `run`, or "" */
  function wordAt(run, start, words) {
    for (var end = run.length; end > start; end--)
      if (run.slice(start, end) in words) return run.slice(start, end)
    return ""
  }

  /* A Han run as the index's words (longest first); characters that start no word stay together */
  function segment(run, words) {
    var parts = [], unknown = ""
    for (var i = 0; i < run.length;) {
      var word = wordAt(run, i, words)
      if (word) {
        if (unknown) parts.push(unknown)
        parts.push(word)
        unknown = ""
        i += word.length
      } else {
        unknown += run[i++]
      }
    }
    if (unknown) parts.push(unknown)
    return parts
  }

  function segmentHanRuns(query, words) {
    return query.replace(/\p{sc=Han}+/gu, function (run) {
      return segment(run, words).map(function (part) {
        return part in words ? part + UNREAD_HAN : part
      }).join(" ")
    })
  }

  /* The query's quoted phrases, the rest as one phrase, and the rest's words (all folded) */
  function parse(raw) {
    var query = searchText.quoted(raw)
    var phrases = []
    query.parts.forEach(function (part) {
      var phrase = fold(part.inside, false).key
      if (phrase) phrases.push(phrase)
    })
    var whole = fold(query.rest, false).key
    var words = []
    whole.split(" ").forEach(function (token) {
      token.replace(/\p{sc=Han}+|[^\p{sc=Han}]+/gu, function (part) {
        if (HAN.test(part)) words.push.apply(words, segment(part, vocabulary))
        else words.push(part)
        return part
      })
    })
    words = words.filter(function (word, i) { return word && words.indexOf(word) === i })
    return { phrases: phrases, whole: whole, words: words }
  }

  /* One document against some needles (all must occur): null, or its match */
  function match(entry, needles) {
    var marks = { title: [], text: [] }, inTitle = 0, count = 0
    for (var n = 0; n < needles.length; n++) {
      var title = positions(entry.title.key, needles[n])
      var text = positions(entry.text.key, needles[n])
      if (!title.length && !text.length) return null
      if (title.length) inTitle++
      count += text.length
      title.forEach(function (p) { marks.title.push([p, p + needles[n].length]) })
      text.forEach(function (p) { marks.text.push([p, p + needles[n].length]) })
    }
    var titleRank = inTitle < needles.length ? (inTitle ? 1 : 0) : entry.title.key === needles.join(" ") ? 3 : 2
    return { entry: entry, marks: marks, title: titleRank, count: count }
  }

  /* `field`'s HTML with <mark> around the key ranges `ranges` (split where a tag interrupts) */
  function highlight(raw, folded, ranges) {
    if (!ranges.length) return raw
    var spans = ranges.map(function (r) { return [folded.at[r[0]], folded.to[r[1] - 1]] })
      .sort(function (a, b) { return a[0] - b[0] })
    var out = "", last = 0
    spans.forEach(function (span) {
      var start = Math.max(span[0], last)
      if (span[1] <= start) return
      out += raw.slice(last, start)
      out += "<mark>" + raw.slice(start, span[1]).replace(/<[^>]*>/g, "</mark>$&<mark>") + "</mark>"
      last = span[1]
    })
    return out + raw.slice(last)
  }

  /*
   * A section's text as a short excerpt around its first match (plain text, matches marked): the
   * reader sees why it was found, and the page renders a few hundred characters per result, not
   * whole sections (most of a search's time on a slow phone was Material rendering them).
   */
  var BEFORE = 30, AFTER = 150         /* folded characters of context */
  function excerpt(raw, folded, ranges) {
    var length = folded.key.length
    if (!length) return ""
    var first = ranges.reduce(function (least, r) { return Math.min(least, r[0]) }, ranges.length ? length : 0)
    var from = Math.max(0, first - BEFORE), until = Math.min(length, first + AFTER)
    var start = from ? folded.at[from] : 0
    var end = until < length ? folded.to[until - 1] : raw.length
    var opens = {}, closes = {}
    ranges.forEach(function (r) { opens[folded.at[r[0]]] = true; closes[folded.to[r[1] - 1]] = true })
    var out = from ? "…" : "", marked = 0
    for (var i = start; i < end; i++) {
      if (closes[i] && marked) { out += "</mark>"; marked = 0 }
      if (opens[i] && !marked) { out += "<mark>"; marked = 1 }
      if (raw[i] === "<") {
        var close = raw.indexOf(">", i)
        if (close >= 0) { out += " "; i = close; continue }
        out += "&lt;"
        continue
      }
      out += raw[i]
    }
    if (marked) out += "</mark>"
    return "<p>" + out + (end < raw.length ? "…" : "") + "</p>"
  }

  var SHOWN = 3
  /* Material's result shape: per page, its hits best first, and the page's own entry */
  function group(hits, terms) {
    var pages = new Map()
    hits.forEach(function (hit) {
      var doc = hit.entry.doc
      var page = doc.location.split("#")[0]
      if (!pages.has(page)) pages.set(page, [])
      var items = pages.get(page)
      /* shown: up to SHOWN sections as good as the page's best; the others under "more" */
      var shown = items.length < SHOWN && items.length && items[0].hetaoClass === hit.cls
      var score = !items.length ? hit.cls + hit.body : shown ? items[0].score : Math.min(hit.cls + hit.body, items[0].score - 1)
      items.push({
        location: doc.location,
        title: highlight(doc.title || "", hit.entry.title, hit.marks.title),
        /* under "more", the title alone (much less for the page to render) */
        text: !items.length || shown ? excerpt(doc.text || "", hit.entry.text, hit.marks.text) : "",
        score: score, terms: terms, hetaoClass: hit.cls
      })
    })
    var items = []
    pages.forEach(function (group, page) {
      if (!group.some(function (item) { return item.location === page }) && byLocation[page]) {
        var article = byLocation[page]
        group.push({ location: page, title: article.title, text: article.text, score: 0, terms: {} })
      }
      items.push(group)
    })
    return items
  }

  function ranked(candidates, tier) {
    return candidates.map(function (hit) {
      hit.cls = tier * 100 + hit.entry.kind * 10 + hit.title
      hit.body = hit.count / (hit.count + 1)
      return hit
    }).sort(function (a, b) { return b.cls + b.body - (a.cls + a.body) })
  }

  function matching(needles) {
    var found = []
    if (!needles.length) return found
    docs.forEach(function (entry) {
      var hit = match(entry, needles)
      if (hit) found.push(hit)
    })
    return found
  }

  /*
   * Our answer to `raw`: {items, hetao: {mode}}, or null when Material's own search should answer
   * (then `mode` says how to present it). Modes: phrase (verbatim or quoted), all (every word),
   * partial (no section has every word: Material's results), none (no section has the quoted phrase).
   */
  /* Text in one script (one character for one, so positions hold): 白名单 finds what 白名單 finds */
  function inIndexScript(text) {
    return text.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, function (c) { return variants[c] || c })
  }

  /* The words worth Material's own (OR) search: Latin ones, and the index's Han words of two
     characters or more; a lone character, or characters that make no word of the index, would only
     match on one character (量子電腦 on the 量 of 量級) and show the rest as "missing". */
  function worthAsking(words) {
    return words.filter(function (word) { return !HAN.test(word) || (word in vocabulary && Array.from(word).length > 1) })
  }

  function rank(raw) {
    raw = inIndexScript(raw)
    var query = parse(raw)
    var terms = {}
    query.phrases.concat(query.words).forEach(function (word) { terms[word] = true })
    if (query.phrases.length) {
      var withPhrases = matching(query.phrases)
      if (!withPhrases.length) return { items: [], hetao: { mode: "none" } }
      var all = query.words.length ? matching(query.phrases.concat(query.words)) : withPhrases
      var mode = all.length ? "phrase" : "partial"
      return { items: group(ranked(all.length ? all : withPhrases, 3), terms), hetao: { mode: mode } }
    }
    if (!query.whole) return { items: [], hetao: { mode: "" } }
    var verbatim = matching([query.whole])
    if (verbatim.length) return { items: group(ranked(verbatim, 3), terms), hetao: { mode: "phrase" } }
    var together = query.words.length > 1 ? matching(query.words) : []
    if (together.length) return { items: group(ranked(together, 2), terms), hetao: { mode: "all" } }
    var asked = worthAsking(query.words)
    if (!asked.length) return { items: [], hetao: { mode: "" } }
    return { fallback: query.words.length > 1 ? "partial" : "", query: asked.join(" ") }
  }

  /* Under Node (tests/js, the JavaScript unit tier): the pure functions, and no worker to set up */
  if (typeof module === "object" && module.exports) {
    module.exports = { fold: fold, parse: parse }
    return
  }

  /*
   * Material's worker is loaded only when a query needs it (a fallback): most searches never do,
   * and the first search downloads and builds less (benchmarks/search.md). We answer SETUP with
   * READY ourselves and keep it; on the first fallback we load Material's worker and replay SETUP
   * to it, wait for its READY (swallowed), then hand it the query, segmented. Only the newest query
   * waiting for it is kept. Each result carries the query it answers (`query`): Material's page
   * ignores it, tests read it.
   */
  var READY = 1                      /* Material's SearchMessageType.READY */
  var setup = null
  var loading = false
  var ready = false
  var replaying = false
  var waiting = null                 /* {query, asked, mode} for Material, once it is ready */
  var answering = null
  var fallback = ""

  function replay(data) {
    replaying = true
    try { self.dispatchEvent(new MessageEvent("message", { data: data })) } finally { replaying = false }
  }

  function askMaterial() {
    if (!waiting) return
    var next = waiting
    waiting = null
    answering = next.query
    fallback = next.mode
    replay({ type: QUERY, data: segmentHanRuns(next.asked, vocabulary) })
  }

  function loadMaterial() {
    loading = true
    Promise.resolve(importScripts(new URL(material, here).href)).then(function () { replay(setup) })
  }

  addEventListener("message", function (ev) {
    if (replaying) return
    ev.stopImmediatePropagation() /* Material's worker, once loaded, reads only what we replay */
    var message = ev.data
    if (!message) return
    if (message.type === SETUP && message.data && message.data.docs) {
      setup = message
      prepare(message.data)
      self.postMessage({ type: READY })
      return
    }
    if (message.type !== QUERY || typeof message.data !== "string") return
    var answer = rank(message.data)
    if (answer.items) {
      waiting = null /* a newer query is answered: an older one waiting for Material is stale */
      answering = message.data
      self.postMessage({ type: RESULT, data: { items: answer.items, hetao: answer.hetao } })
      return
    }
    waiting = { query: message.data, asked: answer.query, mode: answer.fallback }
    if (ready) askMaterial()
    else if (!loading) loadMaterial()
  })

  var post = self.postMessage
  self.postMessage = function (message) {
    if (message && message.type === READY && loading && !ready) {
      ready = true /* Material's own READY, after the replayed SETUP: the page had ours */
      askMaterial()
      return
    }
    if (message && message.type === RESULT) {
      message.query = answering
      if (message.data && !message.data.hetao) message.data.hetao = { mode: message.data.items.length ? fallback : "" }
    }
    return post.apply(self, arguments)
  }

  /* In the file:// shim (iframe-worker) this runs in an iframe and importScripts is asynchronous */
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href
  var material = new URL(here).searchParams.get("material")
})()
