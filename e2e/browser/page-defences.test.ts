import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { browserSuite, watchPage } from './helpers';

/**
 * The built client against a browser attacker: a link naming another API, a `next` naming another site, a page
 * of another site framing it, a browser that refuses site storage. The platform, the client and Chromium are
 * started by ./helpers.ts.
 */
const suite = browserSuite();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Another site: it records every request, and serves a page framing the client's sign-in page at /frame. */
let other: Server;
let otherUrl: string;
const reached: string[] = [];
beforeAll(async () => {
  other = createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    if (req.url === '/frame') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<iframe id="busline" src="${suite.web.url}/signin" width="800" height="600"></iframe>`);
      return;
    }
    res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' }).end();
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  // Another origin than the client's: another host name and port.
  otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => other?.close(resolve));
});

async function freshPage() {
  const context = await suite.browser.newContext();
  return { context, page: watchPage(await context.newPage()) };
}

describe('the built web client', () => {
  it('ignores ?api= naming another server: the password goes to the router it was served with, nowhere else', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${suite.web.url}/signin?api=${encodeURIComponent(`${otherUrl}/graphql`)}`);
      await page.getByLabel('Email').fill('passenger@busline.test');
      await page.getByLabel('Password').fill('Passenger-demo-2026');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/');
      // Signed in through the real router; the page of another site-named API came back without ?api= and asked on.
      await page.goto(`${suite.web.url}/bookings`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(reached).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(['//evil.example/', '/\\evil.example/', '/\t/evil.example/'])(
    'takes a passenger signed in with next=%j to their home page on this site',
    async (next) => {
      const { context, page } = await freshPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${suite.web.url}/signin?next=${encodeURIComponent(next)}`);
        await page.getByLabel('Email').fill('passenger@busline.test');
        await page.getByLabel('Password').fill('Passenger-demo-2026');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/');
        expect(new URL(page.url()).origin).toBe(suite.web.url);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('goes to the page named by next= on this site', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${suite.web.url}/signin?next=${encodeURIComponent('/bookings?tab=past')}`);
      await page.getByLabel('Email').fill('passenger@busline.test');
      await page.getByLabel('Password').fill('Passenger-demo-2026');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/bookings' && url.search === '?tab=past');
    } finally {
      await context.close();
    }
  });

  it('offers the demo accounts only where the platform seeded them', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${suite.web.url}/signin`);
      await page.getByLabel('Password').waitFor();
      // The test platform seeds them, but its static server was not told so (as a production deployment is not).
      expect(await page.locator('.demo-accounts').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  /** A Chromium profile of its own, with `preferences`; closed and removed after `use`. */
  async function withProfile(preferences: object, use: (page: import('playwright-core').Page) => Promise<void>) {
    const profile = mkdtempSync(join(tmpdir(), 'busline-browser-profile-'));
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify(preferences));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      // Third-party storage as a default desktop profile has it, so a framed page could run.
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-features=ThirdPartyStoragePartitioning'],
    });
    try {
      await use(context.pages()[0] ?? (await context.newPage()));
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }

  it('is not shown inside a page of another site', async () => {
    await withProfile({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }, async (page) => {
      const refused: string[] = [];
      page.on('console', (message) => refused.push(message.text()));
      await page.goto(`${otherUrl}/frame`);
      await eventually(() => refused.some((text) => /frame-ancestors|X-Frame-Options/.test(text)));
      const framed = page.frames().find((frame) => frame.url().startsWith(suite.web.url));
      expect(framed ? await framed.locator('input[type=password]').count() : 0).toBe(0);
    });
  });

  it('signs in, and out, in a browser that refuses site storage', async () => {
    await withProfile({ profile: { default_content_setting_values: { cookies: 2 } } }, async (page) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${suite.web.url}/signin`);
      await page.getByLabel('Email').fill('passenger@busline.test');
      await page.getByLabel('Password').fill('Passenger-demo-2026');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/signin');
      expect(errors).toEqual([]);
    });
  });
});
