#!/usr/bin/env bash
# The project's whole test run: types, layering lint, unit and property tests, the CLI on the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint src test
echo "== build"; npx tsc -p tsconfig.build.json
echo "== unit tests"; npx jest --ci
if [ -f ../shared/samples/check.mjs ]; then
  echo "== samples"; node ../shared/samples/check.mjs
else
  echo "== samples: ../shared/samples not found beside the project; skipped"
fi
