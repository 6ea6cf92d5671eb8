/*
 * The term check page (术语检查 / Term check). hetao_docs/terms/check_page.py generates the page and
 * this edition's data (window.__hetaoTermCheck, from the term base); this script checks the text a
 * reader pastes, in the browser: nothing is sent anywhere.
 *
 * `check` is check_page.TextChecker step by step (normalise, fold, the build's matching with the
 * longest match winning, near-misses, verdicts), on code points as Python counts them, so that
 * both find the same things in the same text; the tests hold them to that, text by text.
 * The rest draws the results: the text with every term linked to its glossary entry (terms.js
 * shows their definitions on hover and focus), the notes, and the list of terms, copyable as a
 * table (tab-separated text and HTML).
 */
(function () {
  "use strict"

  var data = window.__hetaoTermCheck
  var script = document.currentScript
  if (!data) return

  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]$/u
  var WORD = /^[\p{L}\p{N}_]$/u // Python's isalnum, and "_"
  var LETTER = /^\p{L}$/u
  var SPACE = /^[\s\x1c-\x1f\x85]$/ // Python's isspace (U+FEFF is dropped before, as zero-width)
  var ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
  var DASHES = "\u2010\u2011\u2012\u2013\u2212\ufe63"
  var APOSTROPHES = "\u2018\u2019\u02bc"
  var DEBOUNCE_MS = 250

  function isHan(c) { return HAN.test(c) }
  function isWord(c) { return c !== undefined && WORD.test(c) }
  function isLetter(c) { return c !== undefined && LETTER.test(c) }
  function isCjk(c) { return isHan(c) || (c >= "\u3000" && c <= "\u303f") || (c >= "\uff00" && c <= "\uffef") }

  function mapped(c) {
    var code = c.codePointAt(0)
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0)
    if (c.length === 1 && DASHES.indexOf(c) >= 0) return "-"
    if (c.length === 1 && APOSTROPHES.indexOf(c) >= 0) return "'"
    return c
  }

  // check_page.normalise: the characters the matchers read, and the offset each stands for.
  function normalise(chars) {
    var out = []
    var origin = []
    var before = ""
    var beforeThat = ""
    var i = 0
    while (i < chars.length) {
      var c = chars[i]
      if (c.length === 1 && ZERO_WIDTH.indexOf(c) >= 0) { i++; continue }
      if (SPACE.test(c)) {
        var end = i
        var run = ""
        while (end < chars.length && (SPACE.test(chars[end]) || (chars[end].length === 1 && ZERO_WIDTH.indexOf(chars[end]) >= 0))) {
          run += chars[end]
          end++
        }
        var after = end < chars.length ? chars[end] : ""
        var wrappedCjk = before !== "" && after !== "" && isCjk(before) && isCjk(after)
        var hyphenated = before !== "" && mapped(before) === "-" && isLetter(beforeThat) && isLetter(after) && /[\n\r]/.test(run)
        if (!(wrappedCjk || hyphenated)) { out.push(" "); origin.push(i) }
        beforeThat = before
        before = " "
        i = end
        continue
      }
      var m = mapped(c)
      var last = out[out.length - 1]
      if (out.length && last !== " " && isHan(last) !== isHan(m) && isWord(last) && isWord(m)) { out.push(" "); origin.push(i) }
      out.push(m)
      origin.push(i)
      beforeThat = before
      before = c
      i++
    }
    return { chars: out, origin: origin }
  }

  function lowered(chars) {
    return chars.map(function (c) { var l = c.toLowerCase(); return Array.from(l).length === 1 ? l : c })
  }

  // Keys indexed by their first character; each key as code points.
  function keyIndex(rows) {
    var index = new Map()
    rows.forEach(function (row) {
      var key = Array.from(row[0])
      if (!index.has(key[0])) index.set(key[0], [])
      index.get(key[0]).push({ key: key, term: row[1], text: row[0] })
    })
    return index
  }

  var chineseKeys = keyIndex(data.chinese)
  var englishKeys = keyIndex(data.english)
  var allKeys = new Set(data.chinese.map(function (r) { return r[0] }).concat(data.english.map(function (r) { return r[0] })))
  var simplified = new Set(Object.keys(data.fold).map(function (k) { return data.fold[k] }))
  var readings = new Map() // character → its syllables (of the term base's characters)
  Object.keys(data.homophones).forEach(function (syllable) {
    Array.from(data.homophones[syllable]).forEach(function (c) {
      if (!readings.has(c)) readings.set(c, [])
      readings.get(c).push(syllable)
    })
  })

  function startsWith(chars, at, key) {
    if (at + key.length > chars.length) return false
    for (var k = 0; k < key.length; k++) if (chars[at + k] !== key[k]) return false
    return true
  }

  function candidates(chars, index) {
    var found = []
    for (var i = 0; i < chars.length; i++) {
      var keys = index.get(chars[i])
      if (!keys) continue
      for (var k = 0; k < keys.length; k++) {
        if (startsWith(chars, i, keys[k].key)) found.push({ start: i, end: i + keys[k].key.length, term: keys[k].term })
      }
    }
    return found
  }

  // match.longest_first
  function longestFirst(found, length) {
    if (found.length < 2) return found
    var sorted = found.slice().sort(function (a, b) { return (a.start - a.end) - (b.start - b.end) || a.start - b.start })
    var taken = new Uint8Array(length)
    var chosen = []
    sorted.forEach(function (m) {
      for (var i = m.start; i < m.end; i++) if (taken[i]) return
      taken.fill(1, m.start, m.end)
      chosen.push(m)
    })
    return chosen.sort(function (a, b) { return a.start - b.start })
  }

  // The normalised text as the English matcher reads it: lower case, one space per run, with offsets.
  function collapsed(norm) {
    var low = lowered(norm)
    var kept = []
    var offsets = []
    low.forEach(function (c, i) {
      if (c === " " && kept.length && kept[kept.length - 1] === " ") return
      kept.push(c)
      offsets.push(i)
    })
    return { chars: kept, offsets: offsets }
  }

  function englishMatches(norm) {
    var hay = collapsed(norm)
    var found = []
    candidates(hay.chars, englishKeys).forEach(function (m) {
      var start = hay.offsets[m.start]
      var end = hay.offsets[m.end - 1] + 1
      if ((start > 0 && isWord(norm[start - 1])) || (end < norm.length && isWord(norm[end]))) return
      found.push({ start: start, end: end, term: m.term })
    })
    return longestFirst(found, norm.length)
  }

  // a[i:] equals b[j:] (arrays of code points)
  function sameTail(a, i, b, j) {
    if (a.length - i !== b.length - j) return false
    for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false
    return true
  }

  // check_page._one_edit: one character replaced, inserted or dropped, or two neighbours swapped.
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || (a.length === b.length && sameTail(a, 0, b, 0))) return false
    var i = 0
    while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++
    if (a.length === b.length) {
      if (sameTail(a, i + 1, b, i + 1)) return true
      return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2)
    }
    if (a.length > b.length) return sameTail(a, i + 1, b, i)
    return sameTail(a, i, b, i + 1)
  }

  // check_page._plural: the form's plural or singular is not a slip.
  function plural(key, window) {
    return [[key, window], [window, key]].some(function (pair) {
      var short = pair[0]
      var long = pair[1]
      return long === short + "s" || long === short + "es" || (short.slice(-1) === "y" && long === short.slice(0, -1) + "ies")
    })
  }

  // check_page._hyphenated: a hyphen where the form has a space is a compound or an address.
  function hyphenated(key, window) {
    return key.length === window.length && key.some(function (k, i) { return k === " " && window[i] === "-" })
  }

  function soundAlike(a, b) {
    var ra = readings.get(a)
    var rb = readings.get(b)
    return !!(ra && rb && ra.some(function (s) { return rb.indexOf(s) >= 0 }))
  }

  function nearMisses(norm, folded) {
    var found = []
    data.chinese.forEach(function (row) {
      var key = Array.from(row[0])
      var size = key.length
      if (size < data.minHan || !key.every(isHan)) return
      for (var start = 0; start + size <= folded.length; start++) {
        if (folded[start] !== key[0] && folded[start + 1] !== key[1]) continue
        var differ = -1
        var count = 0
        for (var i = 0; i < size && count < 2; i++) if (folded[start + i] !== key[i]) { differ = i; count++ }
        if (count === 1 && isHan(folded[start + differ]) && soundAlike(key[differ], folded[start + differ])) {
          found.push({ start: start, end: start + size, term: row[1] })
        }
      }
    })
    var hay = collapsed(norm)
    var h = hay.chars
    var starts = []
    h.forEach(function (c, i) { if (isWord(c) && (i === 0 || !isWord(h[i - 1]))) starts.push(i) })
    data.english.forEach(function (row) {
      var key = Array.from(row[0])
      if (key.filter(function (c) { return WORD.test(c) && c !== "_" }).length < data.minLetters) return
      var keyText = row[0]
      for (var s = 0; s < starts.length; s++) {
        var start = starts[s]
        if (h.length - start < key.length - 1) break
        if (h[start] !== key[0] && h[start + 1] !== key[1]) continue
        for (var end = start + key.length - 1; end <= start + key.length + 1; end++) {
          if (end > h.length || (end < h.length && isWord(h[end])) || !isWord(h[end - 1])) continue
          var window = h.slice(start, end).join("")
          var windowChars = Array.from(window)
          if (!allKeys.has(window) && !plural(keyText, window) && !hyphenated(key, windowChars) && oneEdit(key, windowChars)) {
            found.push({ start: hay.offsets[start], end: hay.offsets[end - 1] + 1, term: row[1] })
          }
        }
      }
    })
    return found
  }

  function scriptOf(written) {
    if (!written.some(isHan)) return 2
    if (written.some(function (c) { return Object.prototype.hasOwnProperty.call(data.fold, c) })) return 1
    if (written.some(function (c) { return simplified.has(c) })) return 0
    return data.edition.traditional ? 1 : 0
  }

  // check_page.form_of: which row of the term's forms the written text is (null: mixed scripts).
  function formOf(term, written) {
    var norm = normalise(Array.from(written)).chars
    var key = norm.join("")
    var order = data.order // the edition's own Chinese variety first (check_page.chinese_order)
    for (var o = 0; o < order.length; o++) {
      var row = term.forms.find(function (r) { return r[0] === order[o] && r[1] === key })
      if (row) return row
    }
    var english = collapsed(norm).chars.join("")
    return term.forms.find(function (r) { return r[0] === data.langs[2] && r[1] === english }) || null
  }

  // check_page.TextChecker.one_script: the term's form a mixed-script text is, in the edition's
  // script (个人資料 → 个人资料): a script slip is fixed by the same word, never by another term
  function oneScript(term, written) {
    var lang = data.order[0] // the edition's own Chinese variety (check_page: edition.chinese_lang)
    var key = foldChars(normalise(written).chars).join("")
    var row = term.forms.find(function (r) { return r[0] === lang && foldChars(Array.from(r[1])).join("") === key })
    return row ? row[1] : null
  }

  function foldChars(chars) {
    return chars.map(function (c) { return Object.prototype.hasOwnProperty.call(data.fold, c) ? data.fold[c] : c })
  }

  // check_page.TextChecker.check
  function check(text, usage) {
    var chars = Array.from(text)
    var n = normalise(chars)
    var norm = n.chars
    var folded = norm.map(function (c) { return Object.prototype.hasOwnProperty.call(data.fold, c) ? data.fold[c] : c })
    var hits = longestFirst(longestFirst(candidates(folded, chineseKeys), norm.length).concat(englishMatches(norm)), norm.length)
    var kept = []
    var taken = new Uint8Array(norm.length)
    var misses = nearMisses(norm, folded).sort(function (a, b) { return (a.start - a.end) - (b.start - b.end) || a.start - b.start })
    misses.forEach(function (miss) {
      for (var i = miss.start; i < miss.end; i++) if (taken[i]) return
      var inside = hits.filter(function (h) { return h.start < miss.end && miss.start < h.end })
      if (inside.some(function (h) { return h.start < miss.start || h.end > miss.end })) return
      taken.fill(1, miss.start, miss.end)
      kept.push(miss)
      hits = hits.filter(function (h) { return inside.indexOf(h) < 0 })
    })
    var u = data.usages.indexOf(usage)
    var findings = hits.map(function (h) {
      var term = data.terms[h.term]
      var start = n.origin[h.start]
      var end = n.origin[h.end - 1] + 1
      var written = chars.slice(start, end)
      var row = formOf(term, written.join(""))
      var finding = { start: start, end: end, term: term.id, index: h.term, text: written.join(""), kind: null, suggestion: null, usage: null, why: null }
      if (!row) {
        finding.kind = "mixed-script"
        finding.suggestion = oneScript(term, written) || term.names[u][data.edition.traditional ? 1 : 0]
      } else if (row[2] && row[2][u]) {
        finding.kind = row[2][u][0]
        finding.suggestion = row[2][u][1]
        finding.usage = row[2][u][2]
        finding.why = row[2][u][3]
      }
      return finding
    })
    kept.forEach(function (miss) {
      var term = data.terms[miss.term]
      var start = n.origin[miss.start]
      var end = n.origin[miss.end - 1] + 1
      var written = chars.slice(start, end)
      findings.push({
        start: start, end: end, term: term.id, index: miss.term, text: written.join(""), kind: "near-miss",
        suggestion: term.names[u][scriptOf(written)], usage: null, why: null
      })
    })
    return findings.sort(function (a, b) { return a.start - b.start })
  }

  window.__hetaoTermCheckApi = { check: check, normalise: function (text) { return normalise(Array.from(text)) }, statusLine: statusLine }

  // --- the page ---------------------------------------------------------------------------------

  var form = document.getElementById("hetao_check_form")
  if (!form) return
  var stylesheet = document.createElement("link")
  stylesheet.rel = "stylesheet"
  stylesheet.href = script.dataset.stylesheet
  document.head.appendChild(stylesheet)

  var texts = data.texts
  var textarea = document.getElementById("hetao_check_text")
  var status = document.getElementById("hetao_check_status")
  var output = document.getElementById("hetao_check_output")
  var notes = document.getElementById("hetao_check_notes")
  var list = document.getElementById("hetao_check_list")
  var copyButton = document.getElementById("hetao_check_copy")
  var copied = document.getElementById("hetao_check_copied")
  var storageKey = "hetao-term-check:" + location.pathname
  var timer = 0
  var rows = []

  // check_page.status_line: each count with its noun in the number it takes (1 note, 2 notes)
  function statusLine(texts, terms, occurrences, notes) {
    var counts = { terms: terms, occurrences: occurrences, notes: notes }
    var filled = {}
    Object.keys(counts).forEach(function (name) {
      filled[name] = texts.counts[name][counts[name] === 1 ? "one" : "other"].replace("{n}", String(counts[name]))
    })
    return fill(texts.status_result, filled)
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all })
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag)
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]) })
    ;(children || []).forEach(function (child) { node.append(child) })
    return node
  }

  function empty(text) { return element("p", { class: "hetao-check__empty" }, [text]) }

  function usage() {
    var chosen = form.querySelector("input[name=usage]:checked")
    return chosen ? chosen.value : data.edition.usage
  }

  function noteText(finding, context) {
    return fill(texts.kinds[finding.kind], {
      usage: finding.usage ? texts.usage_of[finding.usage] : "",
      context: texts.usages[context],
      suggestion: finding.suggestion
    })
  }

  function drawText(text, findings, context) {
    var chars = Array.from(text)
    var at = 0
    var body = element("p", { class: "hetao-check__text-view" })
    findings.forEach(function (f, n) {
      body.append(chars.slice(at, f.start).join(""))
      var term = data.terms[f.index]
      var title = term.title + (f.kind ? "\n" + noteText(f, context) : "")
      var link = element("a", {
        class: "hetao-term hetao-check__hit" + (f.kind ? " hetao-check__hit--" + f.kind : ""),
        href: term.url, title: title, id: "hetao_check_hit_" + (n + 1), "data-term": term.id
      }, [f.text])
      body.append(link)
      at = f.end
    })
    body.append(chars.slice(at).join(""))
    output.replaceChildren(body)
  }

  function drawNotes(findings, context) {
    var items = []
    findings.forEach(function (f, n) {
      if (!f.kind) return
      var term = data.terms[f.index]
      var parts = [element("q", {}, [f.text]), " ", noteText(f, context)]
      if (f.why) parts.push(" ", element("span", { class: "hetao-check__why" }, [texts.why, element("span", { lang: data.langs[2] }, [f.why])]))
      parts.push(" · ", element("a", { href: "#hetao_check_hit_" + (n + 1) }, [texts.show_in_text]))
      var own = data.edition.english ? 2 : data.edition.traditional ? 1 : 0 // the edition's own name of the term
      parts.push(" · ", element("a", { href: term.url }, [term.names[data.usages.indexOf(context)][own]]))
      items.push(element("li", { class: "hetao-check__note hetao-check__note--" + f.kind }, parts))
    })
    notes.replaceChildren(items.length ? element("ol", {}, items) : empty(texts.notes_none))
    return items.length
  }

  function drawList(findings, context) {
    var u = data.usages.indexOf(context)
    var byTerm = new Map()
    findings.forEach(function (f) {
      if (f.kind === "near-miss") return
      if (!byTerm.has(f.index)) byTerm.set(f.index, { count: 0, forms: [] })
      var entry = byTerm.get(f.index)
      var written = f.text.replace(/\s+/g, " ").replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1")
      entry.count++
      if (entry.forms.indexOf(written) < 0) entry.forms.push(written)
    })
    rows = []
    byTerm.forEach(function (entry, index) {
      var term = data.terms[index]
      rows.push({
        term: term,
        cells: [term.names[u][data.edition.traditional ? 1 : 0], term.names[u][2], String(entry.count), entry.forms.join(" / "),
          new URL(term.url, location.href).href]
      })
    })
    var c = texts.columns
    var header = [c.chinese, c.english, c.count, c.forms, c.link]
    if (!rows.length) {
      list.replaceChildren(empty(texts.list_empty))
      copyButton.disabled = true
      return 0
    }
    var body = rows.map(function (row) {
      var cells = row.cells.slice(0, 4).map(function (value, i) {
        var lang = i === 0 ? data.langs[data.edition.traditional ? 1 : 0] : i === 1 ? data.langs[2] : null
        return element("td", lang ? { lang: lang } : {}, [value])
      })
      cells.push(element("td", {}, [element("a", { href: row.term.url }, [c.link])]))
      return element("tr", {}, cells)
    })
    var table = element("table", { class: "hetao-check__table" }, [
      element("thead", {}, [element("tr", {}, header.map(function (h) { return element("th", { scope: "col" }, [h]) }))]),
      element("tbody", {}, body)
    ])
    list.replaceChildren(table)
    copyButton.disabled = false
    return rows.length
  }

  function run() {
    clearTimeout(timer)
    var text = textarea.value
    try { sessionStorage.setItem(storageKey, text) } catch (error) { /* storage may be off: nothing to keep */ }
    var context = usage()
    copied.textContent = ""
    if (!text.trim()) {
      output.replaceChildren(empty(texts.text_empty))
      notes.replaceChildren(empty(texts.notes_none))
      drawList([], context)
      status.textContent = texts.status_idle
      return
    }
    var findings = check(text, context)
    drawText(text, findings, context)
    var noted = drawNotes(findings, context)
    var terms = drawList(findings, context)
    var occurrences = findings.filter(function (f) { return f.kind !== "near-miss" }).length
    status.textContent = terms || noted
      ? statusLine(texts, terms, occurrences, noted)
      : texts.status_none
  }

  function later() {
    clearTimeout(timer)
    timer = setTimeout(run, DEBOUNCE_MS)
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c] })
  }

  // The list as tab-separated text (a spreadsheet) and as an HTML table (a document).
  function tableTexts() {
    var c = texts.columns
    var header = [c.chinese, c.english, c.count, c.forms, c.link]
    var clean = function (value) { return value.replace(/[\t\n\r]+/g, " ") }
    var tsv = [header].concat(rows.map(function (r) { return r.cells })).map(function (cells) { return cells.map(clean).join("\t") }).join("\n") + "\n"
    var htmlRows = rows.map(function (r) {
      var cells = r.cells.slice(0, 4).map(function (v) { return "<td>" + escapeHtml(v) + "</td>" })
      cells.push('<td><a href="' + escapeHtml(r.cells[4]) + '">' + escapeHtml(r.cells[4]) + "</a></td>")
      return "<tr>" + cells.join("") + "</tr>"
    })
    var html = "<table><thead><tr>" + header.map(function (h) { return "<th>" + escapeHtml(h) + "</th>" }).join("") +
      "</tr></thead><tbody>" + htmlRows.join("") + "</tbody></table>"
    return { tsv: tsv, html: html }
  }

  // A copy event carries both formats, from http:// and file:// alike; the Clipboard API where it is refused.
  function copyTable() {
    var table = tableTexts()
    var done = false
    function onCopy(ev) {
      ev.clipboardData.setData("text/plain", table.tsv)
      ev.clipboardData.setData("text/html", table.html)
      ev.preventDefault()
      done = true
    }
    document.addEventListener("copy", onCopy)
    try { document.execCommand("copy") } catch (error) { done = false }
    document.removeEventListener("copy", onCopy)
    if (done) { copied.textContent = texts.copy_done; return }
    if (navigator.clipboard && window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/plain": new Blob([table.tsv], { type: "text/plain" }),
        "text/html": new Blob([table.html], { type: "text/html" })
      })
      navigator.clipboard.write([item]).then(
        function () { copied.textContent = texts.copy_done },
        function () { copied.textContent = texts.copy_failed }
      )
      return
    }
    copied.textContent = texts.copy_failed
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); run() })
  form.addEventListener("change", function (ev) { if (ev.target.name === "usage") run() })
  textarea.addEventListener("input", later)
  // A paste is checked at once, as plain text with its line breaks evened out.
  textarea.addEventListener("paste", function (ev) {
    var pasted = ev.clipboardData ? ev.clipboardData.getData("text/plain") : ""
    if (!pasted) return
    ev.preventDefault()
    pasted = pasted.replace(/\r\n?/g, "\n")
    var inserted = false
    try { inserted = document.execCommand("insertText", false, pasted) } catch (error) { inserted = false }
    if (!inserted) textarea.setRangeText(pasted, textarea.selectionStart, textarea.selectionEnd, "end")
    if (textarea.value.length > data.limit) textarea.value = textarea.value.slice(0, data.limit)
    run()
  })
  document.getElementById("hetao_check_clear").addEventListener("click", function () {
    textarea.value = ""
    run()
    textarea.focus()
  })
  copyButton.addEventListener("click", copyTable)

  var kept = ""
  try { kept = sessionStorage.getItem(storageKey) || "" } catch (error) { kept = "" }
  if (kept && !textarea.value) textarea.value = kept
  if (textarea.value) run()
})()
