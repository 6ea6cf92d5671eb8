/*
 * Material's search worker, with its Chinese query segmentation fixed.
 *
 * Material splits each run of Han characters in a query into words it finds in the index, but its
 * segmenter never tests a word that ends at the run's last character: 监管沙盒 is searched as 监管
 * alone, 数据跨境 as 数据. When a run starts with an indexed word, we append one Han character: the
 * segmenter never reads the last character of a run, so now it tests every word of the query.
 * (When no word starts the run, Material searches the whole run as typed; we leave that alone.)
 *
 * The page loads this file instead of Material's worker (hooks/search.py), passing Material's file
 * name as ?material=…; the lunr index Material builds is captured so we know its words.
 */
(function () {
  "use strict"

  var QUERY = 2                      /* Material's SearchMessageType.QUERY */
  var UNREAD_HAN = "\u3007"          /* 〇: any Han character works, it is never read */
  var index = null

  function startsWithIndexedWord(run, words) {
    for (var end = 1; end <= run.length; end++)
      if (run.slice(0, end) in words) return true
    return false
  }

  function completeHanRuns(query, words) {
    return query.replace(/\p{sc=Han}+/gu, function (run) {
      return startsWithIndexedWord(run, words) ? run + UNREAD_HAN : run
    })
  }

  /* Registered before Material's worker, so it rewrites the query before Material reads it */
  addEventListener("message", function (ev) {
    var message = ev.data
    if (index && message && message.type === QUERY && typeof message.data === "string")
      message.data = completeHanRuns(message.data, index.invertedIndex)
  })

  function captureIndex() {
    var build = self.lunr.Builder.prototype.build
    self.lunr.Builder.prototype.build = function () {
      return (index = build.call(this))
    }
  }

  /* In the file:// shim (iframe-worker) this runs in an iframe and importScripts is asynchronous */
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : self.location.href
  var material = new URL(here).searchParams.get("material")
  Promise.resolve(importScripts(new URL(material, here).href)).then(captureIndex)
})()
