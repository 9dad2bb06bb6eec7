#!/usr/bin/env bash
# The project's whole test run: types, layering lint, build, unit/property/CLI/host tests, browser
# tests in headless Chromium, then the CLI on ../shared/samples.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests need Debian's Chromium (and CJK fonts for readable screenshots), the clipboard test
# LibreOffice (it converts the report's HTML to .docx as a word processor pastes it): install when missing.
if ! command -v chromium >/dev/null 2>&1 || ! command -v xmllint >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1; then
  echo "== installing chromium, fonts-noto-cjk, libxml2-utils, libreoffice-writer-nogui"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk libxml2-utils libreoffice-writer-nogui >/dev/null
fi

echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint src test
echo "== build"; npx tsc -p tsconfig.build.json; npx webpack --mode production --env localOffice >/dev/null
echo "== tests"; npx jest --ci
if [ -f ../shared/samples/check.mjs ]; then
  echo "== samples"; node ../shared/samples/check.mjs
else
  echo "== samples: ../shared/samples not found beside the project; skipped"
fi
