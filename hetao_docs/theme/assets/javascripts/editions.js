/* Language switcher: land on the same page AND the same #section in the other edition.
 *
 * The switcher's links already point at the same page in each edition (hetao_docs/material.py, localize_theme_links); this
 * adds the current #section, which changes as the reader scrolls (navigation.tracking).
 * Material's own handler would drop the hash, so ours runs first (capture phase) and stops it.
 */
(function () {
  "use strict"

  var SWITCHER_LINK = ".md-select a[hreflang]"

  /* Material 9.8 fetches <href>/sitemap.xml for every link[rel=alternate], assuming it is an
     edition root. Our hreflang links are per page, so those requests would 404. Point Material's
     lookup at this edition's root (whose sitemap exists); the href attribute, which crawlers
     read, is unchanged. This runs before DOMContentLoaded, when Material looks the links up. */
  var config = JSON.parse(document.getElementById("__config").textContent)
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href).href
  document.querySelectorAll("link[rel=alternate]").forEach(function (link) {
    // (from file:// the fetch is refused, a console error on every page of the offline copy:
    // there, the links are dropped, which nobody reads offline; the change feed's link, at the
    // edition's root, already leads Material to that root's sitemap)
    if (location.protocol === "file:") link.remove()
    else if (link.hasAttribute("hreflang")) Object.defineProperty(link, "href", { value: root })
  })

  function withSection(link) {
    return link.href.split("#")[0] + location.hash
  }

  /* Keep the links' own href current too, for "open in new tab" and "copy link". */
  function refresh(ev) {
    var link = ev.target instanceof Element && ev.target.closest(SWITCHER_LINK)
    if (link) link.href = withSection(link)
  }
  document.addEventListener("mouseover", refresh, true)
  document.addEventListener("focusin", refresh, true)

  document.addEventListener("click", function (ev) {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return
    var link = ev.target instanceof Element && ev.target.closest(SWITCHER_LINK)
    if (!link) return
    ev.preventDefault()
    ev.stopPropagation()
    location.href = withSection(link)
  }, true)
})()
