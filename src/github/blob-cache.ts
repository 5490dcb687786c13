/**
 * Spec contents by blob SHA. A blob never changes, and the PR's file list carries each file's blob SHA,
 * so a later push that changes 1 of N specs fetches 1 file, not N. Bounded: least recently used blobs
 * go first once `maxBytes` is reached; a blob larger than the review's size cap is never stored (it was
 * read only up to the cap). Keys name the repository too, so a cache shared by installations never
 * hands one repository's read to another's review. With replicas the same interface is served by Redis
 * (queue/redis.ts).
 */
export interface BlobCache {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, bytes: Uint8Array): Promise<void>;
  /** Many keys in one round trip (Redis: MGET); without it, `get` one by one. */
  getMany?(keys: readonly string[]): Promise<(Uint8Array | undefined)[]>;
  /** Many entries in one round trip; without it, `set` one by one. */
  setMany?(entries: readonly (readonly [string, Uint8Array])[]): Promise<void>;
}

/** `setMany` when the cache has it, else one `set` per entry. */
export async function setMany(cache: BlobCache, entries: readonly (readonly [string, Uint8Array])[]): Promise<void> {
  if (entries.length === 0) return;
  if (cache.setMany) return cache.setMany(entries);
  for (const [k, v] of entries) await cache.set(k, v);
}

/** `getMany` when the cache has it, else one `get` per key. */
export async function getMany(cache: BlobCache, keys: readonly string[]): Promise<(Uint8Array | undefined)[]> {
  if (keys.length === 0) return [];
  if (cache.getMany) return cache.getMany(keys);
  const out: (Uint8Array | undefined)[] = [];
  for (const k of keys) out.push(await cache.get(k));
  return out;
}

/** `owner/repo@sha`, lower-cased (owner and repository names are case-insensitive on GitHub). */
export function blobKey(owner: string, repo: string, sha: string): string {
  return `${owner}/${repo}@${sha}`.toLowerCase();
}

export const DEFAULT_BLOB_CACHE_BYTES = 64 * 1024 * 1024;
/** What the spec graph's facts of a repository's specs may hold in memory (about 1 KB a spec). */
export const DEFAULT_GRAPH_CACHE_BYTES = 32 * 1024 * 1024;

export class MemoryBlobCache implements BlobCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes = DEFAULT_BLOB_CACHE_BYTES) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = this.entries.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key); // most recently used last
    this.entries.set(key, v);
    return v;
  }

  async set(key: string, bytes: Uint8Array): Promise<void> {
    if (bytes.byteLength > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.byteLength;
      this.entries.delete(key);
    }
    this.entries.set(key, bytes);
    this.bytes += bytes.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.byteLength;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
