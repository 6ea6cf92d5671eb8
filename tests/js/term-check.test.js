// term-check.js (the shipped checker, through the API its page exposes) finds what
// check_page.TextChecker finds, on the real term base, in every edition and usage.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { cases, variants, load, plain } = require("./support.js")

const table = cases("term-check.json")

for (const [variant, files] of variants("term-check.js")) {
  for (const edition of table) {
    test(`${variant}: ${edition.code}: the checker finds what TextChecker finds`, () => {
      const window = { __hetaoTermCheck: edition.data }
      load(files, { window: window, document: { currentScript: null, getElementById: () => null } })
      const api = window.__hetaoTermCheckApi
      let compared = 0
      for (const c of edition.cases) {
        const found = plain(api.check(c.text, c.usage).map((f) => [f.term, f.text, f.kind, f.suggestion]))
        assert.deepEqual(found, c.findings, `${c.usage}: ${c.text.slice(0, 60)}`)
        compared += found.length
      }
      assert.ok(compared > 100)
    })
  }
}

for (const [variant, files] of variants("term-check.js")) {
  for (const edition of table) {
    test(`${variant}: ${edition.code}: the status line puts each noun in its number, as check_page.status_line does`, () => {
      const window = { __hetaoTermCheck: edition.data }
      load(files, { window: window, document: { currentScript: null, getElementById: () => null } })
      const texts = edition.data.texts
      for (const [terms, occurrences, notes, expected] of edition.status) {
        assert.equal(window.__hetaoTermCheckApi.statusLine(texts, terms, occurrences, notes), expected)
      }
      assert.ok(edition.status.length > 0)
    })
  }
}
