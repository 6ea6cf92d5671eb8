// The JavaScript unit tier's helpers: the case tables (written by make_cases.py from the Python
// definitions) and the shipped scripts, as in the theme and as the bundler minifies them.
"use strict"
const fs = require("node:fs")
const path = require("node:path")
const vm = require("node:vm")

const ROOT = path.resolve(__dirname, "..", "..")
const CASES = process.env.HETAO_JS_CASES || path.join(ROOT, ".cache", "js-cases")
const SCRIPTS = path.join(ROOT, "hetao_docs", "theme", "assets", "javascripts")

function cases(name) {
  const file = path.join(CASES, name)
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run python tests/js/make_cases.py (scripts/dev.py test does)`)
  return JSON.parse(fs.readFileSync(file, "utf8"))
}

// The script `name` (below javascripts/), as shipped: its sources in the theme (the files its
// bundle puts before it, then itself) and as the bundler publishes it (make_cases.py writes it).
const BEFORE = { "search.js": ["search-text.js"], "workers/search-hetao.js": ["search-text.js"] }
function variants(name) {
  const sources = [...(BEFORE[name] || []), name].map((file) => path.join(SCRIPTS, file))
  return [["source", sources], ["published", [path.join(CASES, "published", name)]]]
}

// The files run in one fresh context as CommonJS scripts, with `globals` (window, document,
// location…) where they need them: what their export footer gives, and the context.
function load(files, globals) {
  const module = { exports: {} }
  const context = vm.createContext({ module: module, URL, URLSearchParams, ...globals })
  context.self = context
  for (const file of files) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file })
  return { exports: module.exports, context: context }
}

// Values from another context, as plain JSON (deepStrictEqual compares prototypes across realms).
function plain(value) { return JSON.parse(JSON.stringify(value)) }

module.exports = { cases, variants, load, plain }
