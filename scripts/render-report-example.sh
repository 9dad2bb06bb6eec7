#!/usr/bin/env bash
# Renders the first page of the report generated from the 芦淞区 sample to docs/report-example.png
# (needs libreoffice-writer-nogui and poppler-utils: apt-get install -y libreoffice-writer-nogui poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
npx tsc -p tsconfig.build.json
node dist/cli/main.js report ../shared/samples/lusong-2023.xlsx --docx "$tmp/report.docx"
libreoffice --headless --convert-to pdf --outdir "$tmp" "$tmp/report.docx" >/dev/null 2>&1
pdftoppm -png -r 80 -f 1 -l 1 "$tmp/report.pdf" "$tmp/page"
cp "$tmp"/page-1.png docs/report-example.png
rm -rf "$tmp"
echo "docs/report-example.png"
