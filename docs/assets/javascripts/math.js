// Typeset math with the site's own KaTeX: $...$ and $$...$$ in lesson notebooks,
// \( \) and \[ \] that pymdownx.arithmatex leaves in hand-written pages.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof renderMathInElement !== "function") return;
  var options = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
    ],
    ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code"],
    throwOnError: false,
    // Visual HTML for the eye plus hidden MathML that screen readers speak as mathematics (KaTeX's default,
    // kept explicit so a later change of options cannot drop the accessible form).
    output: "htmlAndMathml",
  };
  document.querySelectorAll(".jp-MarkdownOutput, .arithmatex").forEach(function (element) {
    renderMathInElement(element, options);
  });
});
