/*
 * Search additions on top of Material's search box (loaded after Material's bundle):
 *
 * 1. Material searches on the box's `keyup` only, so text committed by a Chinese input method or
 *    pasted (an `input` event, no key event) was never searched. We tell Material to search after
 *    every committed `input` instead, once typing pauses (see SEARCH_DELAY).
 * 2. The term finder: every spelling of every term (Simplified, Traditional, English, pinyin with
 *    or without tones and spaces), matched on each keystroke against search/term_finder.js (built
 *    from the term base by the plugin, hetao_docs/search.py) and shown above Material's results: the glossary entry
 *    and the sections about the term. It lives in its own element at the top of Material's result
 *    container, next to Material's counter and list, which are the only parts Material re-renders.
 */
(function () {
  "use strict"

  /* Under Node (tests/js, the JavaScript unit tier): the pure functions, and no page to set up */
  if (typeof module === "object" && module.exports) {
    module.exports = { normalise: normalise }
    return
  }

  var finder = window.__hetaoTermFinder
  var input = document.querySelector("[data-md-component=search-query]")
  var result = document.querySelector("[data-md-component=search-result]")
  if (!input || !result) return

  var MAX_TERMS = 5
  var base = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href)

  /* Same steps as hetao_docs.search.normalise */
  function normalise(text) {
    return text.normalize("NFKD").replace(/[^\p{L}\p{N}]/gu, "").toLowerCase()
  }

  /* 0 = exact, 1 = the key starts with the query, 2 = contains it, 3 = the query contains the key
     (then initials: 1 or 2, and 4 = one typo: see below) */
  function matchRank(query, key, han) {
    if (key === query) return 0
    var shortest = han ? 1 : 2
    if (query.length >= shortest && key.indexOf(query) === 0) return 1
    if (query.length >= shortest + 1 && key.indexOf(query) > 0) return 2
    if (key.length >= (han ? 2 : 4) && query.indexOf(key) >= 0) return 3
    return -1
  }

  /* Pinyin initials (bmd → 白名单): 1 = exactly a term's, 2 = the start of them (3 letters or more) */
  function initialsRank(query, initials) {
    if (!initials || !/^[a-z]+$/.test(query) || query.length < 2) return -1
    if (query === initials) return 1
    return query.length >= 3 && initials.indexOf(query) === 0 ? 2 : -1
  }

  /* One edit (insert, delete, substitute, swap two neighbours) between a and b, Latin, 6+ letters */
  var TYPO_LENGTH = 6
  function oneEdit(a, b) {
    if (a.length < TYPO_LENGTH || b.length < TYPO_LENGTH || Math.abs(a.length - b.length) > 1) return false
    var i = 0
    while (i < a.length && a[i] === b[i]) i++
    if (i === a.length && i === b.length) return false
    if (a.length === b.length)
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
  }

  function findTerms(raw) {
    var query = normalise(raw)
    if (!query || !finder) return []
    var han = /\p{sc=Han}/u.test(query)
    var hits = []
    finder.terms.forEach(function (term, order) {
      var best = null
      function consider(rank, length) {
        if (rank < 0) return
        var score = [rank, Math.abs(length - query.length), order]
        if (!best || compare(score, best) < 0) best = score
      }
      term.keys.forEach(function (key) { consider(matchRank(query, key, han), key.length) })
      consider(initialsRank(query, term.initials), term.initials.length)
      if (!best && !han)
        term.keys.forEach(function (key) { if (oneEdit(query, key)) consider(4, key.length) })
      if (best) hits.push({ term: term, score: best })
    })
    hits.sort(function (a, b) { return compare(a.score, b.score) })
    return hits.slice(0, MAX_TERMS).map(function (hit) { return hit.term })
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++)
      if (a[i] !== b[i]) return a[i] - b[i]
    return 0
  }

  /* For tests and benchmarks: the finder called directly, without typing (tests/test_search_browser.py) */
  window.__hetaoSearch = { findTerms: findTerms }

  function element(tag, className, text) {
    var el = document.createElement(tag)
    if (className) el.className = className
    if (text) el.textContent = text
    return el
  }

  function link(location, heading, level, teaser, score) {
    var a = element("a", "md-search-result__link")
    a.href = new URL(location, base).href
    a.tabIndex = -1
    var article = element("article", "md-search-result__article md-typeset")
    /* Material's Enter key opens the link with the highest score: the glossary entry */
    article.setAttribute("data-md-score", String(score))
    if (level === 1) article.appendChild(element("div", "md-search-result__icon md-icon"))
    article.appendChild(element(level === 1 ? "h1" : "h2", null, heading))
    if (teaser) article.appendChild(element("p", null, teaser))
    a.appendChild(article)
    return a
  }

  var box = element("div", "hetao-term-finder")
  box.setAttribute("data-hetao-query", "")
  box.hidden = true
  var heading = element("div", "hetao-term-finder__heading", finder ? finder.texts.heading : "")
  var list = element("ol", "hetao-term-finder__list")
  box.appendChild(heading)
  box.appendChild(list)
  /* First in the results, before Material's counter, which counts Material's own results below it */
  result.insertBefore(box, result.firstElementChild)

  function render(raw) {
    var terms = findTerms(raw)
    list.textContent = ""
    terms.forEach(function (term, rank) {
      var item = element("li", "md-search-result__item hetao-term-finder__item")
      item.appendChild(link(term.url, term.title, 1,
        finder.texts.glossary + " · " + term.subtitle, 1e9 - rank))
      term.sections.forEach(function (section) {
        item.appendChild(link(section[0], section[1], 2, finder.texts["in"] + " " + section[2], 0))
      })
      list.appendChild(item)
    })
    box.hidden = terms.length === 0
    result.classList.toggle("hetao-term-finder--found", terms.length > 0)
    box.setAttribute("data-hetao-query", raw)
  }

  /*
   * The worker's ranking (workers/search-hetao.js) says how it answered (`hetao.mode`): when no
   * section contains every word (partial: Material's own results), or none contains a quoted
   * phrase (none), a notice under Material's counter says so. Material's exported component$
   * emits each result, with the worker's data, after rendering it (hetao_docs/material.py, 11).
   */
  var texts = (finder && finder.texts.ranking) || {}
  var notice = element("div", "hetao-search-notice")
  notice.hidden = true
  notice.setAttribute("role", "status")
  var meta = result.querySelector(".md-search-result__meta")
  if (meta) meta.after(notice)
  else result.insertBefore(notice, result.firstChild)

  var searchText = window.__hetaoSearchText /* search-text.js, first in this bundle: the quotes */
  function showNotice(answer) {
    var mode = answer && answer.hetao && answer.hetao.mode
    notice.textContent = ""
    if (mode === "partial") notice.textContent = texts.partial || ""
    if (mode === "none") {
      notice.appendChild(element("span", null, texts.phrase_missing))
      notice.appendChild(document.createTextNode(" "))
      notice.appendChild(element("q", "hetao-search-notice__phrase", searchText.typedPhrases(input.value)))
      notice.appendChild(element("span", "hetao-search-notice__hint", texts.phrase_hint))
    }
    notice.hidden = !notice.textContent
  }
  if (window.component$) window.component$.subscribe(function (component) {
    if (component && component.ref === result && Array.isArray(component.items)) showNotice(component)
  })

  /*
   * Material searches on each `keyup` of the box and renders every result it gets, which costs
   * 20 ms or more a keystroke (far more on a phone). We hold back the box's own key-ups and send
   * Material one when the text has changed and typing pauses for SEARCH_DELAY ms, also for
   * committed or pasted text, which comes without a key event. Text that arrives whole (an input
   * method's commit, a paste: more than one character, or Chinese) is searched at once, as no key
   * follows it soon. The term finder answers at once.
   */
  var SEARCH_DELAY = 50
  var pending = 0
  document.addEventListener("keyup", function (ev) {
    if (ev.target === input && !ev.hetaoForwarded) ev.stopImmediatePropagation()
  }, true)

  function searchSoon(whole) {
    clearTimeout(pending)
    pending = setTimeout(function () {
      var keyup = new KeyboardEvent("keyup", { bubbles: true })
      keyup.hetaoForwarded = true
      input.dispatchEvent(keyup)
    }, whole ? 0 : SEARCH_DELAY)
  }

  function update(whole) {
    render(input.value)
    searchSoon(whole === true)
  }
  input.addEventListener("input", function (ev) {
    if (ev.isComposing) return
    var data = ev.data || ""
    update(data.length > 1 || /\p{sc=Han}/u.test(data) || /Paste|Composition/.test(ev.inputType || ""))
  })
  input.addEventListener("compositionend", function () { update(true) })
  input.addEventListener("focus", function () { render(input.value) })
  input.form.addEventListener("reset", function () { setTimeout(update) })

  /* A deep link (?q=…) fills the box before we run */
  if (input.value) render(input.value)
})()
