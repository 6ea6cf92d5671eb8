// hosting.js (cite buttons, release line, "changed since") against the Python definitions:
// hosting.format_citation, hosting.format_date, Release.key, cite_data, ARCHIVE_PREFIX, Release.anchor.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { cases, variants, load, plain } = require("./support.js")

const table = cases("hosting.json")
const [year, month, day] = table.accessed.split("-").map(Number)

for (const [variant, files] of variants("hosting.js")) {
  const hosting = load(files, { location: { protocol: "https:", href: "https://example.org/" } }).exports

  test(`${variant}: the text citation is the one the source page shows (hosting.format_citation)`, () => {
    let compared = 0
    for (const edition of table.editions) {
      for (const page of edition.pages) {
        const all = hosting.citations(page.data, page.title, page.section, page.id, new Date(year, month - 1, day))
        assert.equal(all.text, page.citation, `${edition.code} ${page.data.page_path}#${page.id}`)
        compared += 1
      }
    }
    assert.ok(compared >= 9)
  })

  test(`${variant}: every format names this site as the author, the article only as the basis`, () => {
    for (const edition of table.editions) {
      for (const page of edition.pages) {
        const all = hosting.citations(page.data, page.title, page.section, page.id, new Date(year, month - 1, day))
        const site = page.data.site
        const csl = JSON.parse(all.csl)[0]
        assert.deepEqual(csl.author, [{ literal: site }])
        assert.match(all.bibtex, new RegExp(`^  author = \\{\\{${site}\\}\\},$`, "m"))
        assert.deepEqual(all.ris.split("\n").filter((line) => line.startsWith("AU  - ")), [`AU  - ${site}`])
        const cite = page.data.cite
        for (const text of [JSON.stringify(csl.author), all.bibtex.split("\n").filter((l) => !/^ {2}note = /.test(l)).join("\n"),
          all.ris.split("\n").filter((l) => !l.startsWith("N1  - ")).join("\n")]) {
          for (const author of [cite.author_zh, cite.author_latin, cite.author]) assert.ok(!text.includes(author), text)
        }
        assert.equal(!(csl.note || "").includes(cite.title_zh), page.data.own, "the article is named as the basis, except in the site's own pages")
        // the archived copy of the cited release, and its date, in every format (Robust Links in "html")
        const archive = all.fields.archive
        const ref = page.data.releases.find((r) => r.version === page.data.release)
        if (!ref || !ref.archive) { assert.equal(archive, ""); continue }  // an entry not cut yet
        assert.ok(archive.includes("/releases/" + page.data.release + "/"), archive)
        assert.equal(csl.archive_location, archive)
        assert.ok(all.text.includes(archive) && all.bibtex.includes(`addendum = {\\url{${archive}}}`), all.bibtex)
        assert.deepEqual(all.ris.split("\n").filter((line) => line.startsWith("UR  - ")), [`UR  - ${all.fields.url}`, `UR  - ${archive}`])
        assert.ok(all.html.includes(` data-versionurl="${archive}" data-versiondate="${page.data.release_date}"`), all.html)
      }
    }
  })

  test(`${variant}: dates in each edition's citation style (hosting.format_date)`, () => {
    for (const edition of table.editions) {
      for (const [iso, styled] of edition.dates) assert.equal(hosting.styleDate(iso, edition.english), styled, `${edition.code} ${iso}`)
    }
  })

  test(`${variant}: the release line links the archive and the change log (ARCHIVE_PREFIX, Release.anchor)`, () => {
    for (const edition of table.editions) {
      for (const page of edition.pages) {
        const line = plain(hosting.releaseLine(page.data, page.id))
        const base = "https://example.org/hetao/" + page.data.page_path
        line.links = line.links.map(([href, label]) => [new URL(href, base).href, label])
        assert.deepEqual(line, page.release_line, `${edition.code} ${page.data.page_path}#${page.id}`)
      }
    }
  })

  test(`${variant}: a link copied in an earlier release says what changed since, and links it`, () => {
    let notices = 0
    for (const edition of table.editions) {
      for (const c of edition.changed_since) {
        let notice = plain(hosting.changedSince(c.data, c.id, c.cited))
        if (notice) {
          const base = "https://example.org/hetao/" + c.data.page_path
          notice.links = notice.links.map(([href, label]) => [new URL(href, base).href, label])
          notices += 1
        }
        assert.deepEqual(notice, c.notice, `${edition.code} cited ${c.cited}, ${c.data.unreleased.length ? "" : "no "}unreleased changes`)
      }
    }
    assert.ok(notices >= 6)
  })

  test(`${variant}: a page-level citation lists the sections changed since the cited release`, () => {
    const data = table.editions[0].changed_since[0].data
    const [oldest, newest] = [table.releases[0].version, table.releases[table.releases.length - 1].version]
    const changed = { ...data, changed: { "": [oldest, newest], a: [oldest, newest], b: [oldest] }, unreleased: ["c", ""] }
    assert.deepEqual(plain(hosting.sectionsChangedSince(changed, oldest)), ["a", "c"])
    assert.deepEqual(plain(hosting.sectionsChangedSince({ ...changed, unreleased: [] }, newest)), [])
  })

  test(`${variant}: release order (Release.key)`, () => {
    const data = { releases: table.releases }
    assert.ok(table.newer.some((row) => row[2]), "the table has newer releases")
    for (const [a, b, expected] of table.newer) assert.equal(hosting.newer(data, a, b), expected, `${a} newer than ${b}`)
  })
}
