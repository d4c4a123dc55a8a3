import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWebClient, type WebClientServer } from '../../clients/web/serve';

/** The static server `npm start` uses for the built web client (no browser needed). */
let base: string;
let dist: string;
let web: WebClientServer;
let graphqlUrl = 'http://127.0.0.1:1234/graphql';

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'busline-serve-'));
  dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<html><head><!--busline-runtime-config--></head><body>app</body></html>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("app")');
  writeFileSync(join(base, 'secret.txt'), 'not for the web');
  web = await serveWebClient({ port: 0, distDir: dist, graphqlUrl: () => graphqlUrl });
});
afterAll(async () => {
  await web?.close();
  rmSync(base, { recursive: true, force: true });
});

describe('serveWebClient', () => {
  it('answers client-side routes with index.html carrying the router URL of the moment', async () => {
    const first = await fetch(`${web.url}/bookings/42`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect(await first.text()).toContain('window.__BUSLINE__ = {"graphqlUrl":"http://127.0.0.1:1234/graphql"}');
    graphqlUrl = 'http://127.0.0.1:5678/graphql';
    expect(await (await fetch(`${web.url}/`)).text()).toContain('5678');
  });

  it('serves built assets with their type and a long cache, and 404s a missing one', async () => {
    const asset = await fetch(`${web.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${web.url}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside dist', async () => {
    const response = await fetch(`${web.url}/..%2fsecret.txt`);
    expect(await response.text()).not.toContain('not for the web');
  });

  it('says how to build the client when dist is missing instead of failing to start', async () => {
    const empty = await serveWebClient({ port: 0, distDir: join(base, 'nothing-here') });
    try {
      expect(empty.built).toBe(false);
      const response = await fetch(`${empty.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build -w clients/web');
    } finally {
      await empty.close();
    }
  });
});
