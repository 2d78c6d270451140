#!/usr/bin/env bash
# Refresh the project's copy of KaTeX (docs/assets/katex/) from the npm registry's package.
# The build runs it under Node.js to typeset math as MathML (course/engine/mathml.py); pages load no KaTeX
# script, stylesheet or font, so only the minified script and the licence are kept (mkdocs.yml keeps the
# folder out of the published site).
set -euo pipefail
version="${1:-0.16.47}"
target="$(cd "$(dirname "$0")/.." && pwd)/docs/assets/katex"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "katex@$version" >/dev/null && tar xzf katex-*.tgz)
rm -rf "$target" && mkdir -p "$target"
cp "$work/package/dist/katex.min.js" "$target/"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "KaTeX $version copied to $target"
