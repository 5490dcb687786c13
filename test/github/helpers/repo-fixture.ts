/**
 * A repository at two commits (the PR's base and head) served by nock the way GitHub serves it: the
 * recursive tree of each commit (paths, sizes, blob SHAs computed as git does), blobs by SHA (REST, raw
 * media type) and GraphQL `repository { bN: object(oid: …|expression: …) { … on Blob } }` queries,
 * answered from the same blobs. Every GraphQL query is recorded (its aliases), so a test can count
 * them and see what was read.
 */
import { createHash } from 'node:crypto';
import nock from 'nock';
import { API, R, RAW } from './setup.js';

export type Files = Record<string, string>;

/** The blob SHA git gives a file's bytes. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

export interface GraphqlCall {
  /** Objects asked for: by oid or by expression. */
  objects: { oid?: string; expression?: string }[];
}

export class RepoFixture {
  readonly blobs = new Map<string, string>();
  readonly commits = new Map<string, Files>();
  readonly graphql: GraphqlCall[] = [];
  /** REST blob reads by SHA, in order. */
  readonly blobReads: string[] = [];

  constructor(commits: Record<string, Files>) {
    for (const [sha, files] of Object.entries(commits)) this.add(sha, files);
  }

  add(commit: string, files: Files): void {
    this.commits.set(commit, files);
    for (const text of Object.values(files)) this.blobs.set(gitBlobSha(text), text);
  }

  /** The PR files entry of a path at the head (its blob SHA included, as GitHub sends it). */
  pullFile(head: string, filename: string, status: string, previous?: string): Record<string, unknown> {
    const text = this.commits.get(head)![filename];
    return { filename, status, ...(text !== undefined ? { sha: gitBlobSha(text) } : {}), ...(previous ? { previous_filename: previous } : {}) };
  }

  /** `GET git/trees/{commit}?recursive=1`, once. `treeSha` names the tree (default: derived from the commit). */
  tree(scope: nock.Scope, commit: string, opts: { truncated?: boolean; treeSha?: string } = {}): nock.Scope {
    const files = this.commits.get(commit)!;
    const tree = Object.entries(files).map(([path, text]) => ({ path, type: 'blob', mode: '100644', sha: gitBlobSha(text), size: Buffer.byteLength(text) }));
    const sha = opts.treeSha ?? createHash('sha1').update(`tree ${commit}`).digest('hex');
    return scope.get(`${R}/git/trees/${commit}`).query({ recursive: '1' }).reply(200, { sha, truncated: opts.truncated ?? false, tree });
  }

  /** REST blob reads (raw), any number. */
  restBlobs(scope: nock.Scope): nock.Scope {
    return scope
      .get(/\/repos\/[^/]+\/[^/]+\/git\/blobs\/[0-9a-f]{40}$/)
      .matchHeader('accept', 'application/vnd.github.v3.raw')
      .times(1000)
      .reply((uri) => {
        const sha = uri.slice(uri.lastIndexOf('/') + 1);
        this.blobReads.push(sha);
        const text = this.blobs.get(sha);
        return text === undefined ? [404, { message: 'Not Found' }] : [200, text, RAW];
      });
  }

  /** `POST /graphql`, any number of queries, answered from the blobs and commits. */
  graphqlBlobs(): nock.Scope {
    return nock(API)
      .post('/graphql')
      .times(1000)
      .reply((_uri, body) => {
        const { query, variables } = body as { query: string; variables: Record<string, string> };
        const objects: GraphqlCall['objects'] = [];
        const repository: Record<string, unknown> = {};
        for (const m of query.matchAll(/(b\d+): object\((oid|expression): \$(v\d+)\)/g)) {
          const value = variables[m[3]];
          let sha: string | undefined;
          if (m[2] === 'oid') {
            objects.push({ oid: value });
            sha = this.blobs.has(value) ? value : undefined;
          } else {
            objects.push({ expression: value });
            const at = value.indexOf(':');
            const text = this.commits.get(value.slice(0, at))?.[value.slice(at + 1)];
            sha = text === undefined ? undefined : gitBlobSha(text);
          }
          const text = sha ? this.blobs.get(sha)! : undefined;
          repository[m[1]] = text === undefined ? null : { oid: sha, byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
        }
        this.graphql.push({ objects });
        return [200, { data: { repository } }];
      });
  }
}
