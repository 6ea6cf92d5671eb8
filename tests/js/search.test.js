// Search: the worker's folding and quoted phrases (workers/search-hetao.js) against
// search.phrase_key, and the term finder's normalisation (search.js) against search.normalise.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { cases, variants, load, plain } = require("./support.js")

const table = cases("search.json")

for (const [variant, files] of variants("workers/search-hetao.js")) {
  const worker = load(files, {}).exports

  test(`${variant}: the worker folds text as search.phrase_key does`, () => {
    for (const [text, key] of table.fold) assert.equal(worker.fold(text, false).key, key, JSON.stringify(text))
    for (const [text, key] of table.fold_html) assert.equal(worker.fold(text, true).key, key, JSON.stringify(text))
  })

  test(`${variant}: the worker reads the quoted phrases of a query`, () => {
    for (const [query, phrases] of table.quoted) assert.deepEqual(plain(worker.parse(query).phrases), phrases, query)
  })
}

for (const [variant, files] of variants("search.js")) {
  const page = load(files, {}).exports

  test(`${variant}: the term finder normalises a query as search.normalise does`, () => {
    for (const [text, key] of table.normalise) assert.equal(page.normalise(text), key, JSON.stringify(text))
  })
}

for (const [variant, files] of variants("search.js")) {
  const text = load(files, {}).context.__hetaoSearchText

  test(`${variant}: the page names a missing phrase as the reader quoted it (search-text.js)`, () => {
    for (const [query, shown] of table.notice) assert.equal(text.typedPhrases(query), shown, query)
  })
}
