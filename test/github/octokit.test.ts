import { expect, test } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { createAppOctokit, rateLimitHandler } from '../../src/github/octokit.js';

const quiet = { log: { warn: () => undefined, info: () => undefined } };

test('rate-limit handler retries a bounded number of times and not for long waits', () => {
  const h = rateLimitHandler('secondary', { maxRetries: 2, maxWaitSeconds: 60 });
  expect(h(10, { method: 'GET', url: '/x' }, quiet, 0)).toBe(true);
  expect(h(10, { method: 'GET', url: '/x' }, quiet, 1)).toBe(true);
  expect(h(10, { method: 'GET', url: '/x' }, quiet, 2)).toBe(false);
  expect(h(3600, { method: 'GET', url: '/x' }, quiet, 0)).toBe(false);
});

function octokit(maxRetries: number) {
  const Octokit = createAppOctokit({ maxRetries, maxWaitSeconds: 60 }, ProbotOctokit);
  // Probot passes its own throttle options; ours must win. retryAfterBaseValue: 1 ms per "second".
  return new Octokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { retryAfterBaseValue: 1, onSecondaryRateLimit: () => false, onRateLimit: () => false } as never, log: { ...quiet.log, debug: () => undefined, error: () => undefined } as never });
}

const secondary = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

test('a secondary rate limit is retried (Probot alone would give up), then succeeds', async () => {
  const scope = nock('https://api.github.com')
    .get('/repos/o/r').reply(403, secondary, { 'retry-after': '1' })
    .get('/repos/o/r').reply(200, { id: 1 });
  const res = await octokit(3).request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
  expect(res.data).toEqual({ id: 1 });
  scope.done();
});

test('after maxRetries the error surfaces (the review then reports "could not complete")', async () => {
  const scope = nock('https://api.github.com').get('/repos/o/r').times(3).reply(403, secondary, { 'retry-after': '1' });
  await expect(octokit(2).request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' })).rejects.toMatchObject({ status: 403 });
  scope.done();
});
