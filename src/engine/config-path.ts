/** Where a repository keeps its Spec Review configuration: the one place every adapter reads the path from. */
export const CONFIG_PATH = '.github/spec-review.yml';
