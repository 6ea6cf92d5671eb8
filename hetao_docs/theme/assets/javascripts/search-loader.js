/*
 * Search loads when a reader reaches for it, not with every page. As a page opens, Material starts
 * its search worker (our ranking worker, 3 KB compressed, which loads Material's own, 12 KB, only
 * for a query it leaves to it) and requests the edition's search index (about 45 KB) with
 * XMLHttpRequest. We hold both back until the search box is first used (a click
 * or tap on the search icon, focus, or Material's s / f / / shortcuts, which focus the box), and
 * only then also load our search code (search.js), its stylesheet and the edition's term finder.
 * Material shows "initialising search" meanwhile and runs the query typed so far once its index is
 * in. A page opened from a search result (?h=, highlighting) or a search link (?q=) loads it as soon
 * as the page has loaded.
 */
(function () {
  "use strict"

  var data = document.currentScript.dataset
  var INDEX = /\/search\/search_index\.json$/
  var held = []
  var loaded = false

  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.hetaoHeld = !loaded && INDEX.test(String(url).split(/[?#]/)[0])
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    if (!this.hetaoHeld || loaded) return send.apply(this, arguments)
    var request = this
    var args = arguments
    held.push(function () { send.apply(request, args) })
  }

  /* Material only calls these methods of its worker (rxjs fromEvent and postMessage). */
  var RealWorker = window.Worker
  var startWorkers = []
  function LazyWorker(url, options) {
    var lazy = this
    var worker = null
    var calls = []
    ;["addEventListener", "removeEventListener", "postMessage", "terminate"].forEach(function (name) {
      lazy[name] = function () {
        if (worker) return worker[name].apply(worker, arguments)
        calls.push([name, arguments])
      }
    })
    function start() {
      worker = new RealWorker(url, options)
      calls.splice(0).forEach(function (call) { worker[call[0]].apply(worker, call[1]) })
    }
    if (loaded) start()
    else startWorkers.push(start)
  }
  if (RealWorker) window.Worker = LazyWorker

  function addScript(src) {
    var script = document.createElement("script")
    script.src = src
    script.async = false /* in order: the term finder, then search.js, which reads it */
    document.head.appendChild(script)
  }

  function load() {
    if (loaded) return
    loaded = true
    var style = document.createElement("link")
    style.rel = "stylesheet"
    style.href = data.searchCss
    document.head.appendChild(style)
    addScript(data.termFinder)
    addScript(data.searchJs)
    startWorkers.splice(0).forEach(function (start) { start() })
    held.splice(0).forEach(function (release) { release() })
  }

  /* Not before the page's load event: Material mounts its search components as the document is
     ready and reads its result counter as the container's first child; our search code, run
     earlier, had put the term finder there (Material then wrote its counter over the finder). */
  if (/[?&][qh]=/.test(location.search)) {
    if (document.readyState === "complete") load()
    else window.addEventListener("load", load)
  }
  document.addEventListener("focusin", function (ev) {
    if (ev.target instanceof Element && ev.target.matches("[data-md-component=search-query]")) load()
  })
  document.addEventListener("pointerdown", function (ev) {
    if (ev.target instanceof Element && ev.target.closest("label[for=__search]")) load()
  }, true)
})()
