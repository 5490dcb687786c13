#!/usr/bin/env bash
# Validate specs, e.g.
#   scripts/validate-spec.sh docs/specs/component/cmp-001-descriptive-slug.md
#   scripts/validate-spec.sh            (every spec in the repository)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/spec-review.sh"
spec_review validate "$@"
