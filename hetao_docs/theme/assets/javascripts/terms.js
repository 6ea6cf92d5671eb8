/*
 * Inline definitions (hetao_docs/terms/annotate.py). Each term link carries a short `title`: the
 * term and its name in the other language. On hover or keyboard focus this script shows a tooltip
 * with it and, once they are here, the bilingual definitions. Those are the same on every page, so
 * pages do not repeat them: they load once, from the edition's term-tips.js (cached), on the first
 * hover or focus of any term.
 *
 * One tooltip element, made on first use, and listeners on the document: nothing runs per term as
 * a page opens. (Material's content.tooltips mounted a tooltip on every element with a title, the
 * largest piece of script work in a page load.) The tooltip stays while the pointer is on the term
 * or on the tooltip, and Escape closes it. While it shows, the link's title moves to
 * data-hetao-title, so the browser does not show its own tooltip as well.
 *
 * On a touch screen there is no hover: the first tap on a term shows the tooltip instead of
 * following the link, and the tooltip links to the glossary entry (a second tap on the term follows
 * it too); a tap anywhere else closes it.
 *
 * Side by side (side_by_side.py), each text's terms have their own edition's definitions and
 * label: the text's cell names its term-tips.js and label (data-term-tips, data-term-entry).
 *
 * The compact glossary (render.py) folds each entry into a <details>: the entry a link lands on
 * (#id) opens, on arrival and on every change of the address's #fragment.
 */
(function () {
  "use strict"

  var TERM = "a.hetao-term"
  var GAP_PX = 8
  var HIDE_DELAY_MS = 150 // time to move the pointer from the term onto the tooltip
  var tipsUrl = document.currentScript.dataset.termTips
  var entryLabel = document.currentScript.dataset.termEntry || ""
  var chineseLang = document.currentScript.dataset.termChinese || ""
  var HAN = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20·]*[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20·]*/g // as language_parts.HAN
  var tipsByUrl = {} // each term-tips.js loaded: its definitions
  var requested = {}
  var tooltip = null
  var current = null
  var hideTimer = 0
  var lastPointer = "" // the pointerType of the latest pointerdown
  var shownAtDown = null // the term whose tooltip showed when that pointer went down
  var width = window.innerWidth

  function tooltipElement() {
    if (!tooltip) {
      tooltip = document.createElement("div")
      tooltip.id = "hetao-term-tip"
      tooltip.className = "hetao-term-tip"
      tooltip.setAttribute("role", "tooltip")
      tooltip.hidden = true
      tooltip.addEventListener("pointerenter", function () { clearTimeout(hideTimer) })
      tooltip.addEventListener("pointerleave", hideSoon)
      document.body.appendChild(tooltip)
    }
    return tooltip
  }

  function scopeOf(link) {
    var cell = link.closest("[data-term-tips]")
    return cell
      ? { url: cell.getAttribute("data-term-tips"), entry: cell.getAttribute("data-term-entry") || "", chinese: cell.getAttribute("data-term-chinese") || "" }
      : { url: tipsUrl, entry: entryLabel, chinese: chineseLang }
  }

  // A definition is a line per language (the term, then each language's definition): each line
  // gets its lang, and Chinese quoted in an English line its own (WCAG 3.1.2).
  function fillText(into, text, chinese) {
    into.textContent = ""
    text.split("\n").forEach(function (line, index) {
      if (index) into.appendChild(document.createTextNode("\n"))
      var han = (line.match(HAN) || []).join("").length
      var latin = (line.match(/[A-Za-z]/g) || []).length
      var span = document.createElement("span")
      if (han > latin) {
        span.lang = chinese
        span.textContent = line
      } else {
        span.lang = "en"
        var at = 0
        line.replace(HAN, function (run, offset) {
          span.appendChild(document.createTextNode(line.slice(at, offset)))
          var quoted = document.createElement("span")
          quoted.lang = chinese
          quoted.textContent = run
          span.appendChild(quoted)
          at = offset + run.length
          return run
        })
        span.appendChild(document.createTextNode(line.slice(at)))
      }
      into.appendChild(span)
    })
  }

  function textFor(link) {
    var tips = tipsByUrl[scopeOf(link).url]
    var full = tips && tips[decodeURIComponent(link.hash.slice(1))]
    return full || link.getAttribute("data-hetao-title") || ""
  }

  // On the screen (position: fixed), next to the term: below it, or above it where there is more
  // room there; no taller than that room (it scrolls inside), never past the screen's edges or
  // over the header.
  function place(link) {
    var lines = link.getClientRects() // a term may wrap: below its last line, above its first
    var first = lines[0] || link.getBoundingClientRect()
    var last = lines[lines.length - 1] || first
    var width = document.documentElement.clientWidth
    var header = document.querySelector(".md-header") // sticky: the box stays clear of it
    var topEdge = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0
    var below = window.innerHeight - last.bottom - 2 * GAP_PX
    var above = first.top - topEdge - 2 * GAP_PX
    tooltip.style.maxHeight = Math.max(below, above, 0) + "px"
    var size = tooltip.getBoundingClientRect()
    var under = size.height <= below || below >= above
    var term = under ? last : first
    var left = Math.max(GAP_PX, Math.min(term.left, width - size.width - GAP_PX))
    var top = under ? last.bottom + GAP_PX : first.top - GAP_PX - size.height
    tooltip.style.left = left + "px"
    tooltip.style.top = top + "px"
  }

  function show(link) {
    clearTimeout(hideTimer)
    if (current && current !== link) hide()
    var tip = tooltipElement()
    if (link.hasAttribute("title")) {
      link.setAttribute("data-hetao-title", link.getAttribute("title"))
      link.removeAttribute("title")
    }
    link.setAttribute("aria-describedby", tip.id)
    var scope = scopeOf(link)
    var text = tip.querySelector(".hetao-term-tip__text")
    if (!text) {
      text = document.createElement("span")
      text.className = "hetao-term-tip__text"
      tip.prepend(text)
    }
    fillText(text, textFor(link), scope.chinese)
    var within = link.closest("[lang]")
    tip.lang = within ? within.lang : ""
    // The entry link is kept, not remade, when the definitions arrive: a reader who has tabbed
    // onto it keeps the focus there.
    var entry = tip.querySelector("a.hetao-term-tip__entry")
    if (scope.entry && !entry) {
      entry = document.createElement("a")
      entry.className = "hetao-term-tip__entry"
      tip.append("\n", entry)
    } else if (!scope.entry && entry) {
      tip.replaceChildren(text)
      entry = null
    }
    if (entry) {
      entry.href = link.getAttribute("href")
      entry.textContent = scope.entry
    }
    if (link.nextSibling !== tip) link.after(tip) // next in the page: Tab goes from the term to the link inside
    tip.hidden = false
    current = link
    place(link)
  }

  function hide() {
    clearTimeout(hideTimer)
    if (!current) return
    current.setAttribute("title", current.getAttribute("data-hetao-title") || "")
    current.removeAttribute("data-hetao-title")
    current.removeAttribute("aria-describedby")
    current = null
    tooltip.hidden = true
  }

  function hideSoon() {
    clearTimeout(hideTimer)
    hideTimer = setTimeout(hide, HIDE_DELAY_MS)
  }

  // (a script's load event follows its run at once: the global is that script's)
  function load(url) {
    requested[url] = true
    var script = document.createElement("script")
    script.src = url
    script.onload = function () {
      tipsByUrl[url] = window.__hetaoTermTips || {}
      if (current) show(current) // the tooltip already showing gets the definitions
    }
    document.head.appendChild(script)
  }

  function termOf(ev) {
    return ev.target instanceof Element ? ev.target.closest(TERM) : null
  }

  function intent(link) {
    var url = scopeOf(link).url
    if (!requested[url]) load(url)
    show(link)
  }

  function onIntent(ev) {
    var link = termOf(ev)
    if (link && ev.pointerType !== "touch") intent(link)
  }

  function inTooltip(node) {
    return !!(tooltip && node instanceof Node && tooltip.contains(node))
  }

  document.addEventListener("pointerover", onIntent)
  document.addEventListener("focusin", onIntent)
  document.addEventListener("pointerout", function (ev) {
    if (ev.pointerType === "touch") return
    var to = ev.relatedTarget instanceof Element ? ev.relatedTarget : null
    if (termOf(ev) && !(to && (to.closest(TERM) === current || to === tooltip))) hideSoon()
  })
  document.addEventListener("pointerdown", function (ev) {
    lastPointer = ev.pointerType
    shownAtDown = current
    if (!termOf(ev) && !inTooltip(ev.target)) hide()
  })
  // A tap on a term shows its definition; a tap on the term whose definition shows follows the link.
  document.addEventListener("click", function (ev) {
    var link = termOf(ev)
    if (!link || lastPointer !== "touch" || shownAtDown === link) return
    ev.preventDefault()
    intent(link)
  })
  document.addEventListener("focusout", function (ev) {
    var leaving = termOf(ev) || inTooltip(ev.target)
    if (leaving && !inTooltip(ev.relatedTarget) && ev.relatedTarget !== current) hide()
  })
  // The page scrolls under a tooltip placed on the screen: it follows its term.
  window.addEventListener("scroll", function () { if (current) place(current) }, { passive: true })
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") hide()
  })
  // Phones resize the window as their address bar slides away on scrolling: only a new width moves the term.
  window.addEventListener("resize", function () {
    if (window.innerWidth !== width) hide()
    width = window.innerWidth
  })

  function openLandedEntry() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))
    var row = target && target.closest("details")
    if (row) row.open = true
  }
  openLandedEntry()
  window.addEventListener("hashchange", openLandedEntry)
})()
