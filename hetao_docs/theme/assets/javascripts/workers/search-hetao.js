/*
 * Material's search worker, with its Chinese query segmentation fixed.
 *
 * Material splits each run of Han characters in a query into words of its index, but its segmenter
 * never tests a word that ends at the run's last character (监管沙盒 is searched as 监管 alone,
 * 数据跨境 as 数据), and it joins the words it finds as "监管* 沙盒", so every word but the last gets
 * a second `*` and is reported as not found, which also lowers the ranking.
 *
 * Before Material reads a query, we split each Han run ourselves (longest indexed word first) and
 * hand Material one run per word, each followed by one extra Han character: Material's segmenter
 * never reads a run's last character, so it takes the word whole. Characters that start no indexed
 * word are left as typed, and Material searches them as it always does (as a prefix).
 *
 * The page loads this file instead of Material's worker (hetao_docs/material.py, use_search_worker), passing Material's file
 * name as ?material=…; the lunr index Material builds is captured so we know its words.
 */
(function () {
  "use strict"

  var QUERY = 2                      /* Material's SearchMessageType.QUERY */
  var RESULT = 3                     /* Material's SearchMessageType.RESULT */
  var UNREAD_HAN = "\u3007"          /* 〇: any Han character works, it is never read */
  var index = null

  /* Longest indexed word starting at `start` of `run`, or "" */
  function wordAt(run, start, words) {
    for (var end = run.length; end > start; end--)
      if (run.slice(start, end) in words) return run.slice(start, end)
    return ""
  }

  function segmentHanRuns(query, words) {
    return query.replace(/\p{sc=Han}+/gu, function (run) {
      var parts = [], unknown = ""
      for (var i = 0; i < run.length;) {
        var word = wordAt(run, i, words)
        if (word) {
          if (unknown) parts.push(unknown)
          parts.push(word + UNREAD_HAN)
          unknown = ""
          i += word.length
        } else {
          unknown += run[i++]
        }
      }
      if (unknown) parts.push(unknown)
      return parts.join(" ")
    })
  }

  /*
   * Registered before Material's worker, so it rewrites each query before Material reads it.
   * Each result then carries the query it answers (`query`): Material ignores it, tests read it.
   */
  var answering = null
  addEventListener("message", function (ev) {
    var message = ev.data
    if (!message || message.type !== QUERY || typeof message.data !== "string") return
    answering = message.data
    if (index) message.data = segmentHanRuns(message.data, index.invertedIndex)
  })

  var post = self.postMessage
  self.postMessage = function (message) {
    if (message && message.type === RESULT) message.query = answering
    return post.apply(self, arguments)
  }

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
