# Sourced by the scripts in scripts/ (also when they are copied into another repository): runs the
# spec-review CLI the way it was installed —
#   1. a local install: node_modules/.bin/spec-review in the current directory or a parent of it, or
#      in the repository that holds these scripts;
#   2. this checkout of spec-review itself (bin/spec-review.js, once `npm ci` has built dist/);
#   3. a global install: spec-review on PATH.
# Otherwise it says how to install the CLI and exits 2 (a usage problem, never 1, which means findings).
spec_review() {
  local scripts_root dir
  scripts_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  dir="$PWD"
  while :; do
    if [[ -x "$dir/node_modules/.bin/spec-review" ]]; then
      "$dir/node_modules/.bin/spec-review" "$@"
      return
    fi
    [[ "$dir" == / ]] && break
    dir="$(dirname "$dir")"
  done
  if [[ -x "$scripts_root/node_modules/.bin/spec-review" ]]; then
    "$scripts_root/node_modules/.bin/spec-review" "$@"
    return
  fi
  if [[ -f "$scripts_root/bin/spec-review.js" && -f "$scripts_root/dist/bin/main.js" ]] &&
    grep -q '"name": "spec-review"' "$scripts_root/package.json" 2>/dev/null; then
    node "$scripts_root/bin/spec-review.js" "$@"
    return
  fi
  if command -v spec-review >/dev/null 2>&1; then
    spec-review "$@"
    return
  fi
  if [[ -f "$scripts_root/bin/spec-review.js" ]] && grep -q '"name": "spec-review"' "$scripts_root/package.json" 2>/dev/null; then
    echo "spec-review: this checkout is not built yet: run 'npm ci' (or 'npm run build') in $scripts_root." >&2
    return 2
  fi
  cat >&2 <<'EOF'
spec-review: the spec-review CLI is not installed.
Install it in this repository:   npm install --save-dev spec-review
or for your user:                npm install --global spec-review
then run this script again.
EOF
  return 2
}
