#!/usr/bin/env bash
# Create a spec from its type's template, e.g.
#   scripts/generate-spec.sh component cmp-001-descriptive-slug
#   scripts/generate-spec.sh flow-schematic checkout-flow --title "Checkout Flow"
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
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <type> [<id>-]<slug> [--title \"Title\"] [--dry-run]" >&2
  echo "types: run 'spec-review types'" >&2
  exit 2
fi
spec_review scaffold "$@"
