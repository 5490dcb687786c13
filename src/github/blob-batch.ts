/**
 * Many files' text in few calls: GraphQL `repository { b0: object(oid: …) { … on Blob { text } } … }`
 * with one alias per file, up to BLOBS_PER_QUERY files and about BYTES_PER_QUERY bytes per query (sizes
 * come from the tree listing; a blob whose size is unknown counts as UNKNOWN_SIZE). A file is asked for
 * by its blob SHA (`oid`, from a tree listing) or, when the listing does not have it, by
 * `expression: "<commit>:<path>"`. Every value travels as a GraphQL variable: nothing from a
 * repository is written into the query text.
 *
 * The spec graph (every spec of the repository, by blob) and the score movement (the base branch's
 * versions of the changed specs) read their files here, so their cost is a few queries per review
 * however many files they need, instead of one REST call per file.
 */
import type { ReviewClient } from './client.js';

/** At most this many files in one query. */
export const BLOBS_PER_QUERY = 100;
/** A query is closed once its files reach this many bytes (the file that crosses it is the last one). */
export const BYTES_PER_QUERY = 1024 * 1024;
/** What a file whose size the listing does not give counts for, when queries are packed. */
export const UNKNOWN_SIZE = 16 * 1024;

export interface BlobRequest {
  /** The caller's name for the answer (unique within one call). */
  key: string;
  /** The blob's SHA (from a tree listing). */
  oid?: string;
  /** `<commit or branch>:<path>`, when the SHA is not known. */
  expression?: string;
  /** Size in bytes, when the listing gives it. */
  size?: number;
}

export type BlobAnswer =
  /** The file's text (GitHub decodes it as UTF-8). */
  | { kind: 'text'; oid: string; text: string }
  /** No such object: the file does not exist at that commit. */
  | { kind: 'missing' }
  | { kind: 'binary'; oid: string; byteSize: number }
  /** GitHub cut the text (a very large file): what there is cannot be reviewed as the file. */
  | { kind: 'truncated'; oid: string; byteSize: number };

/** Requests packed into queries: ≤ BLOBS_PER_QUERY each, closed once they reach BYTES_PER_QUERY. */
export function packQueries<T extends Pick<BlobRequest, 'size'>>(requests: readonly T[], perQuery = BLOBS_PER_QUERY, bytesPerQuery = BYTES_PER_QUERY): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const r of requests) {
    current.push(r);
    bytes += r.size ?? UNKNOWN_SIZE;
    if (current.length >= perQuery || bytes >= bytesPerQuery) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The most queries `fetchBlobs` makes for `count` files of `bytes` bytes in all: a query closes on its
 * count or on its bytes, so there are at most ceil(count / perQuery) + floor(bytes / bytesPerQuery)
 * of them.
 */
export function maxQueries(count: number, bytes: number, perQuery = BLOBS_PER_QUERY, bytesPerQuery = BYTES_PER_QUERY): number {
  return Math.ceil(count / perQuery) + Math.floor(bytes / bytesPerQuery);
}

interface BlobNode {
  oid?: string;
  byteSize?: number;
  isBinary?: boolean;
  isTruncated?: boolean;
  text?: string | null;
}

/** The query for `count` files: `$v<i>` is a GitObjectID (`oid`) or a String (`expression`). */
function queryFor(batch: readonly BlobRequest[]): string {
  const vars = batch.map((r, i) => `$v${i}: ${r.oid ? 'GitObjectID!' : 'String!'}`);
  const fields = batch.map((r, i) => `    b${i}: object(${r.oid ? 'oid' : 'expression'}: $v${i}) { ...blob }`);
  return [
    `query SpecBlobs($owner: String!, $name: String!, ${vars.join(', ')}) {`,
    '  repository(owner: $owner, name: $name) {',
    ...fields,
    '  }',
    '}',
    'fragment blob on Blob { oid byteSize isBinary isTruncated text }',
  ].join('\n');
}

function answer(node: BlobNode | null | undefined): BlobAnswer {
  if (!node || typeof node.oid !== 'string') return { kind: 'missing' };
  const byteSize = typeof node.byteSize === 'number' ? node.byteSize : 0;
  if (node.isBinary) return { kind: 'binary', oid: node.oid, byteSize };
  if (node.isTruncated || typeof node.text !== 'string') return { kind: 'truncated', oid: node.oid, byteSize };
  return { kind: 'text', oid: node.oid, text: node.text };
}

/** The answers by request key, in as few queries as packQueries makes (one after another). */
export async function fetchBlobs(client: ReviewClient, requests: readonly BlobRequest[]): Promise<Map<string, BlobAnswer>> {
  const out = new Map<string, BlobAnswer>();
  for (const r of requests) {
    if (!r.oid && !r.expression) throw new TypeError(`blob request ${r.key} has neither an oid nor an expression`);
  }
  for (const batch of packQueries(requests)) {
    const variables: Record<string, unknown> = { owner: client.repo.owner, name: client.repo.repo };
    batch.forEach((r, i) => (variables[`v${i}`] = r.oid ?? r.expression));
    const data = await client.graphql<{ repository?: Record<string, BlobNode | null> | null }>(queryFor(batch), variables);
    const repo = data.repository ?? {};
    batch.forEach((r, i) => out.set(r.key, answer(repo[`b${i}`])));
  }
  return out;
}
