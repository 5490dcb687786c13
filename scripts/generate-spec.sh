#!/usr/bin/env bash
# Create a spec from its type's template, e.g.
#   scripts/generate-spec.sh component cmp-001-descriptive-slug
#   scripts/generate-spec.sh flow-schematic checkout-flow --title "Checkout Flow"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/spec-review.sh"
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <type> [<id>-]<slug> [--title \"Title\"] [--dry-run]" >&2
  echo "types: run 'spec-review types'" >&2
  exit 2
fi
spec_review scaffold "$@"
