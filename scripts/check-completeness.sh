#!/usr/bin/env bash
# Score specs 0-100 and show what costs points, e.g.
#   scripts/check-completeness.sh docs/specs/component/cmp-001-descriptive-slug.md
#   scripts/check-completeness.sh --min-score 80 docs/specs/
set -euo pipefail
# Run the project's CLI: the installed binary, else this checkout's build, else npx (no download).
spec_review() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [[ -x "$root/node_modules/.bin/spec-review" ]]; then
    "$root/node_modules/.bin/spec-review" "$@"
  elif [[ -f "$root/dist/cli/main.js" && -f "$root/bin/spec-review.js" ]]; then
    node "$root/bin/spec-review.js" "$@"
  else
    npx --no-install spec-review "$@"
  fi
}
spec_review completeness "$@"
