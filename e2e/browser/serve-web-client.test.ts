import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWebClient, type WebClientServer } from '../../clients/web/serve';

/** The static server `npm start` uses for the built web client (no browser needed). */
let base: string;
let dist: string;
let web: WebClientServer;
let graphqlUrl: string | undefined = 'http://127.0.0.1:1234/graphql';

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'busline-serve-'));
  dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<html><head><!--busline-runtime-config--></head><body>app</body></html>');
  writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log("app")');
  writeFileSync(join(dist, 'assets', 'app-1234.js.map'), '{"sourcesContent":["the client\'s sources"]}');
  writeFileSync(join(base, 'secret.txt'), 'not for the web');
  web = await serveWebClient({ port: 0, distDir: dist, graphqlUrl: () => graphqlUrl });
});
afterAll(async () => {
  await web?.close();
  rmSync(base, { recursive: true, force: true });
});

/** The scripts a page loads. */
const scriptsOf = (html: string) => [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);

/** What `vite build` leaves in `folder` (emptied first, as the build does): index.html loading one hashed chunk. */
function buildInto(folder: string, hash: string) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'assets'), { recursive: true });
  writeFileSync(
    join(folder, 'index.html'),
    `<html><head><!--busline-runtime-config--><script type="module" src="/assets/index-${hash}.js"></script></head></html>`,
  );
  writeFileSync(join(folder, 'assets', `index-${hash}.js`), `console.log(${JSON.stringify(hash)})`);
}

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

  it("sends the page's policy: its own scripts and the runtime config, the router only, no framing", async () => {
    graphqlUrl = 'https://api.busline.example/graphql';
    const page = await fetch(`${web.url}/signin`);
    const html = await page.text();
    const config = /<script>(.*?)<\/script>/.exec(html)![1]!;
    expect(config).toBe('window.__BUSLINE__ = {"graphqlUrl":"https://api.busline.example/graphql"};');
    const policy = page.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual([
      "'self'",
      `'sha256-${createHash('sha256').update(config).digest('base64')}'`,
    ]);
    expect(directives['connect-src']).toEqual(["'self'", 'https://api.busline.example', 'wss://api.busline.example']);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // A page of another site that opened this one (window.open) keeps no handle on it.
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const asset = await fetch(`${web.url}/assets/app-1234.js`);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets a page without a configured router reach port 8080 of the hostname it was opened on, and nothing else', async () => {
    graphqlUrl = undefined;
    const policy = (await fetch(`${web.url}/`)).headers.get('content-security-policy')!;
    const connect = policy.split('; ').find((d) => d.startsWith('connect-src '))!;
    expect(connect).toBe(
      "connect-src 'self' http://127.0.0.1:8080 ws://127.0.0.1:8080 https://127.0.0.1:8080 wss://127.0.0.1:8080",
    );
    graphqlUrl = 'http://127.0.0.1:1234/graphql';
  });

  it('serves a router on a path of its own origin (behind the same proxy) with the page reaching only itself', async () => {
    graphqlUrl = '/graphql';
    const page = await fetch(`${web.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self';");
    graphqlUrl = 'http://127.0.0.1:1234/graphql';
  });

  it('does not publish source maps', async () => {
    expect((await fetch(`${web.url}/assets/app-1234.js.map`)).status).toBe(404);
  });

  it('offers the demo accounts only when told the platform seeded them', async () => {
    expect(await (await fetch(`${web.url}/`)).text()).not.toContain('demoAccounts');
    const demo = await serveWebClient({ port: 0, distDir: dist, demoAccounts: true });
    try {
      expect(await (await fetch(`${demo.url}/`)).text()).toContain('window.__BUSLINE__ = {"demoAccounts":true}');
    } finally {
      await demo.close();
    }
  });

  it('says how to build the client when dist is missing instead of failing, and serves it once built', async () => {
    const later = join(base, 'built-later');
    const empty = await serveWebClient({ port: 0, distDir: later });
    try {
      expect(empty.built).toBe(false);
      const response = await fetch(`${empty.url}/`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build -w clients/web');
      // The page says "then reload": the reload must find the build without a restart of the server.
      buildInto(later, 'later1');
      const reloaded = await fetch(`${empty.url}/`);
      expect(reloaded.status).toBe(200);
      expect(scriptsOf(await reloaded.text())).toEqual(['/assets/index-later1.js']);
      expect(empty.built).toBe(true);
    } finally {
      await empty.close();
    }
  });

  it('serves the new index.html after the client is rebuilt while it runs (the old scripts are gone)', async () => {
    const rebuilt = join(base, 'rebuilt');
    buildInto(rebuilt, 'first1');
    const server = await serveWebClient({ port: 0, distDir: rebuilt, graphqlUrl: 'http://127.0.0.1:4321/graphql' });
    try {
      expect(scriptsOf(await (await fetch(`${server.url}/`)).text())).toEqual(['/assets/index-first1.js']);
      buildInto(rebuilt, 'second');
      const page = await fetch(`${server.url}/bookings`);
      const html = await page.text();
      expect(scriptsOf(html)).toEqual(['/assets/index-second.js']);
      expect((await fetch(`${server.url}/assets/index-second.js`)).status).toBe(200);
      // The runtime config is injected into the new page, and the policy allows it by its hash.
      const config = /<script>(.*?)<\/script>/.exec(html)![1]!;
      expect(config).toContain('127.0.0.1:4321');
      expect(page.headers.get('content-security-policy')).toContain(
        `'sha256-${createHash('sha256').update(config).digest('base64')}'`,
      );
    } finally {
      await server.close();
    }
  });
});
