/*
 * Inline definitions (hetao_docs/terms/annotate.py). Each term link carries a short `title`, the
 * term and its name in the other language, which Material's content.tooltips shows. The bilingual
 * definitions are the same on every page, so pages do not repeat them: they load once, from the
 * edition's term-tips.js (cached), on the first hover or focus of any term.
 *
 * Material reads `title` each time it shows a tooltip, so once the definitions are here we put the
 * full text in before Material reads it (capture phase, ahead of Material's own listeners). For
 * the first tooltip, already showing while they loaded, we fill in the text Material shows.
 */
(function () {
  "use strict"

  var TERM = "a.hetao-term"
  var tipsUrl = document.currentScript.dataset.termTips
  var tips = null
  var requested = false

  function showFull(link) {
    var tip = tips[decodeURIComponent(link.hash.slice(1))]
    if (!tip) return
    if (link.hasAttribute("title")) {
      link.title = tip
      return
    }
    /* Showing now: Material moved the title into the tooltip that aria-describedby names */
    var tooltip = document.getElementById(link.getAttribute("aria-describedby") || "")
    var inner = tooltip && tooltip.querySelector(".md-tooltip2__inner")
    if (!inner) return
    inner.textContent = tip
    tooltip.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px")
  }

  function load() {
    requested = true
    var script = document.createElement("script")
    script.src = tipsUrl
    script.onload = function () {
      tips = window.__hetaoTermTips || {}
      document.querySelectorAll(TERM).forEach(showFull)
    }
    document.head.appendChild(script)
  }

  function onIntent(ev) {
    var link = ev.target instanceof Element && ev.target.closest(TERM)
    if (!link) return
    if (tips) showFull(link)
    else if (!requested) load()
  }
  document.addEventListener("pointerover", onIntent, true)
  document.addEventListener("focus", onIntent, true)
})()
