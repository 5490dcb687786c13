/**
 * A small stand-in for GitHub's REST API on 127.0.0.1, for the app running as real processes (nock
 * cannot reach a child process): installation tokens, config and spec contents, PR files, the tree,
 * check runs and issue comments, kept in memory. `hold` lets a test stop a request mid-review.
 * Reached through GHE_HOST / GHE_PROTOCOL=http (base URL http://host/api/v3).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface StubRun {
  id: number;
  external_id?: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  writes: Record<string, any>[];
}

export interface StubComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number };
}

export interface StubRequest {
  method: string;
  path: string;
  /** Which of the stub's listening ports the request came to (one per app process). */
  port: number;
}

export class GitHubStub {
  readonly appId: number;
  /** PR number → head SHA and changed files. */
  readonly pulls = new Map<number, { head: string; files: string[] }>();
  /** Repository files (any ref): path → text. */
  readonly files = new Map<string, string>();
  readonly runs: StubRun[] = [];
  readonly comments = new Map<number, StubComment[]>();
  readonly requests: StubRequest[] = [];
  /** Return true to take over a request (answer later, or never). */
  hold?: (req: StubRequest, res: ServerResponse) => boolean;
  private readonly servers: Server[] = [];
  /** The listening ports (`start(n)` opens n). */
  readonly ports: number[] = [];
  private nextId = 1;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];

  constructor(appId = 1) {
    this.appId = appId;
  }

  async start(count = 1): Promise<void> {
    for (let i = 0; i < count; i++) {
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          try {
            this.handle(req, res, body);
          } catch (err) {
            res.writeHead(500).end(String(err));
          }
          this.notify();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      this.servers.push(server);
      this.ports.push((server.address() as { port: number }).port);
    }
  }

  async stop(): Promise<void> {
    for (const server of this.servers) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }

  /** Resolves when `check` holds (checked after every request the stub answers). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  private notify(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  runsFor(sha: string): StubRun[] {
    return this.runs.filter((r) => r.head_sha === sha);
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): unknown {
    const url = new URL(req.url ?? '/', 'http://stub');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v3/, ''));
    const method = req.method ?? 'GET';
    const seen: StubRequest = { method, path, port: req.socket.localPort ?? 0 };
    this.requests.push(seen);
    if (this.hold?.(seen, res)) return;
    const json = (status: number, data: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    let m: RegExpExecArray | null;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return json(201, { token: 'ghs_stubtoken', expires_at: '2999-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path))) {
      const text = this.files.get(m[1]);
      if (text === undefined) return json(404, { message: 'Not Found' });
      return res.writeHead(200, { 'content-type': 'application/vnd.github.raw' }).end(text);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(path))) {
      const pr = this.pulls.get(Number(m[1]));
      const page = Number(url.searchParams.get('page') ?? '1');
      return json(200, page === 1 && pr ? pr.files.map((filename) => ({ filename, status: 'modified' })) : []);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(path))) {
      const pr = this.pulls.get(Number(m[1]));
      return pr ? json(200, { number: Number(m[1]), state: 'open', head: { sha: pr.head }, base: { ref: 'master' } }) : json(404, { message: 'Not Found' });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/git\/trees\//.test(path)) {
      return json(200, { truncated: false, tree: [...this.files.keys()].map((p) => ({ path: p, type: 'blob', size: 1 })) });
    }
    if (method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
      const run: StubRun = { id: this.nextId++, external_id: body.external_id, head_sha: body.head_sha, status: body.status, conclusion: body.conclusion, writes: [body] };
      this.runs.push(run);
      return json(201, { id: run.id, html_url: `http://stub/runs/${run.id}` });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/check-runs$/.exec(path))) {
      return json(200, { check_runs: this.runsFor(m[1]).map((r) => ({ id: r.id, external_id: r.external_id ?? null, status: r.status })) });
    }
    if (method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.runs.find((r) => r.id === Number(m![1]));
      if (!run) return json(404, { message: 'Not Found' });
      run.writes.push(body);
      if (body.status) run.status = body.status;
      if (body.conclusion) run.conclusion = body.conclusion;
      return json(200, { id: run.id });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const list = this.comments.get(Number(m[1])) ?? [];
      this.comments.set(Number(m[1]), list);
      if (method === 'GET') return json(200, Number(url.searchParams.get('page') ?? '1') === 1 ? list : []);
      const c: StubComment = { id: this.nextId++, body: body.body, user: { login: 'spec-review[bot]', type: 'Bot' }, performed_via_github_app: { id: this.appId } };
      list.push(c);
      return json(201, c);
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      for (const list of this.comments.values()) {
        const i = list.findIndex((c) => c.id === Number(m![1]));
        if (i < 0) continue;
        if (method === 'DELETE') {
          list.splice(i, 1);
          return res.writeHead(204).end();
        }
        list[i].body = body.body;
        return json(200, list[i]);
      }
      return json(404, { message: 'Not Found' });
    }
    json(404, { message: `stub: no route for ${method} ${path}` });
  }
}
