/* The light/dark switch (partials/javascripts/palette.html, just before this script in the header).
   Dark follows the system until the reader presses the switch; the choice is kept in localStorage
   and set as data-hetao-scheme on <html>, which selects the dark rules (hetao_docs/material.py,
   dark_scheme_css). Inline and run where the header is parsed, so a page opens in the chosen
   scheme without a flash of the other. */
(function (button, root, key) {
  "use strict"
  var chosen = null
  try { chosen = localStorage.getItem(key) } catch (e) { /* storage off: the switch still works for this page */ }

  function use(scheme) {
    root.setAttribute("data-hetao-scheme", scheme)
    button.setAttribute("aria-pressed", String(scheme === "dark"))
  }

  if (chosen === "dark" || chosen === "light") use(chosen)
  else button.setAttribute("aria-pressed", String(matchMedia("(prefers-color-scheme: dark)").matches))
  button.addEventListener("click", function () {
    var scheme = button.getAttribute("aria-pressed") === "true" ? "light" : "dark"
    use(scheme)
    try { localStorage.setItem(key, scheme) } catch (e) { /* not kept */ }
  })
})(document.currentScript.previousElementSibling, document.documentElement, "hetao-scheme")
