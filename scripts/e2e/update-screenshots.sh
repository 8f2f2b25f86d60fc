#!/usr/bin/env bash
# Refreshes the README pictures in docs/images/ (problems.png, hover.png, quick-fix.png,
# find-fact.png) from a real VS Code: code-server in headless Chromium, with the
# packaged extension and the example briefing of test/e2e/workspace/. Runs only the
# picture tests of the end-to-end suite; extra arguments go to test/e2e/run.mjs
# (e.g. --screenshots /tmp/pictures to look before overwriting).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node test/e2e/run.mjs --grep "pictures for the README" --no-grammar "$@"
