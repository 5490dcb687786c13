#!/usr/bin/env bash
# Score specs 0-100 and show what costs points, e.g.
#   scripts/check-completeness.sh docs/specs/component/cmp-001-descriptive-slug.md
#   scripts/check-completeness.sh --min-score 80 docs/specs/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/spec-review.sh"
spec_review completeness "$@"
