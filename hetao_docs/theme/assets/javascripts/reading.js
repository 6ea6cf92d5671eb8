/* Printing (print.css): as the reader prints, the print header gets the date, and the links of the
   page's text become numbered notes, listed at the end, instead of addresses written inline in
   running text and table cells. hosting.js marks the links worth an address (data-print-url);
   links the printout does not show (in a closed glossary entry) get no note. Material opens every
   <details> for print: the glossary's rows that were open are marked (data-print-open), so the
   printed glossary stays compact (print.css). Nothing runs until the reader prints. The listener
   captures, so it runs before Material's whatever order the scripts loaded in. One print is one
   beforeprint…afterprint: a second beforeprint in between (a script's, then the browser's own, as
   the review printed: 144 A4 pages) finds every row opened by Material and is ignored. */
(function () {
  "use strict"

  var header = document.querySelector(".hetao-print-header")
  var done = false
  var printing = false

  function today() {
    var now = new Date()
    var pad = function (n) { return (n < 10 ? "0" : "") + n }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate())
  }

  function notes() {
    var article = document.querySelector(".md-content article")
    if (!article) return
    var numbers = {}
    var urls = []
    article.querySelectorAll("a[data-print-url]").forEach(function (link) {
      if (!link.checkVisibility()) return // inside a closed glossary entry
      var url = link.getAttribute("data-print-url")
      if (!numbers[url]) numbers[url] = urls.push(url)
      link.setAttribute("data-print-note", numbers[url])
    })
    if (!urls.length) return
    var section = document.createElement("section")
    section.className = "hetao-print-notes"
    var heading = document.createElement("h2")
    heading.textContent = header ? header.getAttribute("data-notes") : ""
    var list = document.createElement("ol")
    urls.forEach(function (url) {
      var item = document.createElement("li")
      item.textContent = url
      list.appendChild(item)
    })
    section.append(heading, list)
    article.appendChild(section)
  }

  window.addEventListener("beforeprint", function () {
    if (printing) return
    printing = true
    var printed = document.querySelector(".hetao-print-header__printed")
    if (printed) printed.textContent = today()
    // no published address configured: the address the page was printed from
    var address = document.querySelector(".hetao-print-header__address")
    if (address && !address.textContent) address.textContent = location.href.split("#")[0]
    document.querySelectorAll(".hetao-glossary-row").forEach(function (row) {
      row.toggleAttribute("data-print-open", row.open)
    })
    if (!done) notes()
    done = true
  }, true)
  window.addEventListener("afterprint", function () { printing = false })

  // Side by side (side_by_side.py): the pair last opened is remembered and offered first, marked,
  // under every page's title; a pair link keeps the section the reader is at (#id).
  var PAIR_KEY = "hetao-side-by-side"
  var combined = document.querySelector(".hetao-sbs")
  try {
    if (combined) localStorage.setItem(PAIR_KEY, combined.getAttribute("data-first") + "-" + combined.getAttribute("data-second"))
  } catch (error) { /* storage off: nothing remembered */ }
  document.querySelectorAll(".hetao-sbs-links").forEach(function (links) {
    var remembered = null
    try { remembered = localStorage.getItem(PAIR_KEY) } catch (error) { remembered = null }
    var link = remembered && links.querySelector("a.hetao-sbs-pair[data-pair='" + remembered + "']")
    if (link && !combined) {
      link.setAttribute("data-remembered", "")
      links.insertBefore(link, links.querySelector("a.hetao-sbs-pair"))
    }
    links.addEventListener("click", function (ev) {
      var target = ev.target instanceof Element ? ev.target.closest("a") : null
      if (target && location.hash) target.hash = location.hash
    })
  })
})()
