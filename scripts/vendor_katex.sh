#!/usr/bin/env bash
# Refresh the KaTeX files the site serves itself (docs/assets/katex/) from the npm registry's package.
# Only the minified script, auto-render, the stylesheet and the woff2 fonts are kept: every browser the
# course supports loads woff2, and the stylesheet lists it first.
set -euo pipefail
version="${1:-0.16.47}"
target="$(cd "$(dirname "$0")/.." && pwd)/docs/assets/katex"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "katex@$version" >/dev/null && tar xzf katex-*.tgz)
rm -rf "$target" && mkdir -p "$target/fonts"
cp "$work/package/dist/katex.min.js" "$work/package/dist/katex.min.css" "$target/"
cp "$work/package/dist/contrib/auto-render.min.js" "$target/"
cp "$work/package/dist/fonts/"*.woff2 "$target/fonts/"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "KaTeX $version copied to $target"
