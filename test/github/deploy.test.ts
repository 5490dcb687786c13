/** How the app starts: roles, tuning from the environment, the compose file for replicas. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { main, parseRole, tuningFromEnv } from '../../src/github/index.js';

describe('roles and tuning', () => {
  test('all (default), web and worker; anything else is refused with the choices', () => {
    expect(parseRole(undefined)).toBe('all');
    expect(parseRole('WEB')).toBe('web');
    expect(parseRole('worker')).toBe('worker');
    expect(() => parseRole('both')).toThrow('unknown role "both": expected all, web or worker');
  });

  test('web and worker processes share jobs through Redis: without REDIS_URL they refuse to start', async () => {
    await expect(main(['web'], { APP_ID: '1', PRIVATE_KEY: 'x', WEBHOOK_SECRET: 's', LOG_LEVEL: 'silent' })).rejects.toThrow('the "web" role needs REDIS_URL');
  });

  test('tuning comes from SPEC_REVIEW_* variables, checked', () => {
    expect(tuningFromEnv({ SPEC_REVIEW_BUDGET_MS: '30000', SPEC_REVIEW_INSTALLATION_CONCURRENCY: '2', SPEC_REVIEW_GRAPH_READS: '200' })).toMatchObject({ budgetMs: 30_000, perInstallationConcurrency: 2, graphReads: 200 });
    expect(() => tuningFromEnv({ SPEC_REVIEW_TIMEOUT_MS: 'soon' })).toThrow('SPEC_REVIEW_TIMEOUT_MS is "soon": expected a whole number');
  });
});

test('docker-compose.yml: Redis (noeviction, as BullMQ needs) and two app replicas on it', () => {
  const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, any> };
  const apps = Object.entries(compose.services).filter(([, s]) => s.build === '.');
  expect(apps.map(([name]) => name)).toEqual(['app-1', 'app-2']);
  for (const [, s] of apps) {
    expect(s.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(s.command).toEqual(['node', 'dist/github/index.js', 'all']);
    expect(s.depends_on.redis.condition).toBe('service_healthy');
  }
  expect(compose.services.redis.command).toContain('noeviction');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts['start:web']).toContain('index.js web');
  expect(pkg.scripts['start:worker']).toContain('index.js worker');
});
