/**
 * What the commands of one comment share: the types of the command handlers, and the session that
 * makes each GitHub read at most once (the pull request, the engine from the base branch's config,
 * the repository tree).
 */
import type { RepoIndex, ScaffoldResult } from '../../engine/index.js';
import type { ReplySection } from '../../report/command-replies.js';
import type { Octokit, PullDetails, ReviewClient } from '../client.js';
import { ConfigLoadError, loadConfig } from '../config.js';
import { describeError, isUserFacingError, type AppEngine, type EnginePort } from '../engine-port.js';
import type { Logger, PullFacts } from '../review.js';
import type { Command } from './parse.js';

export type CommandStatus = 'ok' | 'refused' | 'error';

export interface ScaffoldTypeInfo {
  name: string;
  folder?: string;
  fileName?: string;
  description?: string;
}
export type CommandEngine = Omit<AppEngine, 'types'> & {
  types(): ScaffoldTypeInfo[];
  scaffold?(type: string, name: string, opts: { title?: string; date: string; index: RepoIndex }): ScaffoldResult;
};

export interface CommandDeps {
  octokit: Octokit;
  engine: EnginePort;
  log: Logger;
  deliveryId: string;
  /** Today's date (UTC, YYYY-MM-DD) for the template's date. */
  today: string;
  /** Start a review of a pull request through the app's scheduler (per-PR serialised). */
  review(facts: PullFacts): void;
  /** The docs link of `/spec help`. */
  docsUrl?: string;
}

export type Section = ReplySection & { name?: Command['name'] };

export function section(command: Command, status: CommandStatus, text: string): Section {
  return { command: command.raw, status, text, name: command.name };
}

export /** State shared by the commands of one comment: each GitHub read happens at most once. */
class CommentSession {
  private pullP?: Promise<PullDetails>;
  private engineP?: Promise<{ engine: CommandEngine } | { error: string }>;
  private indexP?: Promise<{ paths: Set<string>; truncated: boolean }>;
  private readonly folders = new Set<string>();

  constructor(
    readonly client: ReviewClient,
    readonly deps: CommandDeps,
    readonly pullNumber: number,
  ) {}

  pull(): Promise<PullDetails> {
    return (this.pullP ??= this.client.getPull(this.pullNumber));
  }

  /** The engine built from the base branch's (trusted) configuration. */
  engine(): Promise<{ engine: CommandEngine } | { error: string }> {
    return (this.engineP ??= (async () => {
      const pull = await this.pull();
      try {
        const loaded = await loadConfig(this.client, this.deps.engine, pull.base?.ref);
        const port = this.deps.engine;
        const engine = port.createEngine({ ruleFiles: [...port.builtinRuleFiles(), ...loaded.extraRuleFiles], config: loaded.config });
        return { engine: engine as CommandEngine };
      } catch (err) {
        if (err instanceof ConfigLoadError || isUserFacingError(err)) return { error: describeError(err) };
        throw err;
      }
    })());
  }

  /** The built-in engine, for `/spec help` when the repository's configuration is broken. */
  defaultEngine(): CommandEngine {
    const port = this.deps.engine;
    return port.createEngine({ ruleFiles: port.builtinRuleFiles(), config: port.DEFAULT_CONFIG }) as CommandEngine;
  }

  /**
   * The repository at the PR head: one recursive tree call. GitHub truncates the tree of very large
   * repositories; then the type's folder is listed too, so the next free id is still right.
   */
  async index(folder: string | undefined): Promise<Set<string>> {
    const pull = await this.pull();
    const idx = await (this.indexP ??= this.client.getTree(pull.head.sha).then((t) => ({ paths: new Set(t.paths), truncated: t.truncated })));
    if (idx.truncated && folder && !this.folders.has(folder)) {
      this.folders.add(folder);
      for (const p of await this.client.listFolder(folder, pull.head.sha)) idx.paths.add(p);
    }
    return idx.paths;
  }
}

