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

// The script `name` (below javascripts/) run as a CommonJS module in a fresh context, with `globals`
// (window, document, location…) where it needs them: what its export footer gives, and the context.
// Once as shipped in the theme ("source") and once as the bundler minifies it ("minified").
function variants(name) {
  return [["source", path.join(SCRIPTS, name)], ["minified", path.join(CASES, "min", name)]]
}

function load(file, globals) {
  const module = { exports: {} }
  const context = vm.createContext({ module: module, exports: module.exports, URL, URLSearchParams, ...globals })
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file })
  return { exports: module.exports, context: context }
}

// Values from another context, as plain JSON (deepStrictEqual compares prototypes across realms).
function plain(value) { return JSON.parse(JSON.stringify(value)) }

module.exports = { cases, variants, load, plain }
