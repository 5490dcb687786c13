import type { CommandName } from './args.js';

const GENERAL = `Usage: spec-review <command> [options]

Review Markdown specification documents (component, flow-schematic, data-flow, flow specs).

Commands:
  validate [paths|globs...]      Check specs; directories recurse, globs are expanded.
                                 Without paths: every spec in the repository.
  completeness [paths|globs...]  Score each spec 0-100 and show which items cost points.
  scaffold <type> [<id>-]<slug>  Create a spec from its type's template (never overwrites).
  types                          List the spec types.

Options:
  -f, --format <fmt>      text (default), json, sarif or github (workflow commands)
  -c, --config <path>     Configuration file (default: <repo root>/.github/spec-review.yml)
  -t, --type <name>       Review every file as this spec type
      --min-score <n>     Fail when a file scores under n (0-100; overrides min_score)
      --fail-on <level>   error (default), warning, notice or never (overrides fail_on)
  -q, --quiet             Report errors only
      --color, --no-color Colours on or off (default: on for a terminal, off with NO_COLOR,
                          TERM=dumb or when output is piped; FORCE_COLOR=1 turns them on)
  -j, --jobs <n>          Threads for many files, main thread included (default: available cores)
      --title <text>      scaffold: the document title (default: from the slug)
      --dry-run           scaffold: print the file instead of writing it
  -h, --help              Show help (also: spec-review <command> --help)
  -v, --version           Show the version

Text output fits the terminal's width (COLUMNS when output is not a terminal; else 80).

Exit status: 0 no failing findings, 1 findings at the failing severity or a score
under the minimum, 2 usage or configuration error, no spec found, or a file that
cannot be read.
`;

const COMMAND_HELP: Record<CommandName, string> = {
  validate: `Usage: spec-review validate [paths|globs...] [options]

Check spec files and print findings. A directory is searched for Markdown specs
(node_modules and .git are skipped); a glob ("docs/**/*.md", quote it) matches
files under the current directory; a named file is always checked. Without
paths, every spec of the repository is checked. References and relative links
resolve against the whole repository (its git root, else the current directory).

Options: --format text|json|sarif|github, --config, --type, --min-score,
--fail-on, --quiet, --color, --no-color, --jobs
`,
  completeness: `Usage: spec-review completeness [paths|globs...] [options]

Score each spec 0-100 against its type's template and list the items that cost
points. --format json adds "breakdown" to every file.

Options: --format text|json|sarif|github, --config, --type, --min-score,
--fail-on, --quiet, --color, --no-color, --jobs
`,
  scaffold: `Usage: spec-review scaffold <type> [<id>-]<slug> [--title <text>] [--dry-run]

Create a spec from the type's template in the type's folder, with id, slug,
title and today's date filled in. With only a slug ("payment-service") the next
free id is used; "cmp-002-payment-service" fixes the id. Existing files are
never overwritten. Prints the new file's path.

Options: --title, --dry-run, --format text|json, --config
`,
  types: `Usage: spec-review types [--format text|json] [--config <path>]

List the spec types: name, folder, file-name pattern, id prefix, template.
`,
};

export function helpText(command?: CommandName): string {
  return command ? COMMAND_HELP[command] : GENERAL;
}
