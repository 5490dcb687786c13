# Sourced by the scripts in scripts/: runs the project's CLI — the installed binary, else this
# checkout's build, else npx (no download).
spec_review() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [[ -x "$root/node_modules/.bin/spec-review" ]]; then
    "$root/node_modules/.bin/spec-review" "$@"
  elif [[ -f "$root/dist/cli/main.js" && -f "$root/bin/spec-review.js" ]]; then
    node "$root/bin/spec-review.js" "$@"
  else
    npx --no-install spec-review "$@"
  fi
}
