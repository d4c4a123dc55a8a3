import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type APIResponse, type Page, type Request, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@busline/shared/testing';
import { browserSuite, watchPage } from './helpers';

/**
 * The built client against a browser attacker: a link naming another API, a `next` naming another site, a page
 * of another site framing it, a browser that refuses site storage; and what a tab leaves to the next person at a
 * shared or lost device: its session after a reload, another user's sign-in, a sign-out on a bad connection. The
 * platform, the client and Chromium are started by ./helpers.ts.
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

/** What the tab keeps in sessionStorage (src/lib/session.tsx). */
interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  user: { email: string; fullName: string };
}
const storedSession = (page: Page) =>
  page.evaluate(() => {
    const raw = sessionStorage.getItem('busline.session');
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  });

/** The stored session, its access token run out as if the tab had been away for more than 15 minutes. */
async function expireStoredSession(page: Page): Promise<StoredSession> {
  const session = (await storedSession(page))!;
  await page.evaluate((expired) => sessionStorage.setItem('busline.session', JSON.stringify(expired)), {
    ...session,
    expiresAt: Date.now() - 1000,
  });
  return session;
}

/** The GraphQL operation a request of the page names (Apollo names each one). */
const operationOf = (request: Request) => (request.postDataJSON() as { operationName?: string } | null)?.operationName;

/** The page's `logout` requests that got their answer, counted as they finish. */
function finishedLogouts(page: Page): { count: number } {
  const finished = { count: 0 };
  page.on('requestfinished', (request) => {
    if (operationOf(request) === 'SignOut') finished.count += 1;
  });
  return finished;
}

/**
 * Whether the router still exchanges `refreshToken` for a new session, i.e. the sign-in is still alive. A live
 * token is used up (and a second use ends its sign-in): ask once the tab should have ended it.
 */
async function refreshWorks(refreshToken: string): Promise<boolean> {
  const result = await suite.busline.request<{ refreshToken: { accessToken: string } | null }>(
    'mutation($token: String!) { refreshToken(refreshToken: $token) { accessToken } }',
    { token: refreshToken },
  );
  return Boolean(result.data?.refreshToken?.accessToken);
}

const PASSENGER = ['passenger@busline.test', 'Passenger-demo-2026'] as const;
const signOut = (page: Page) => page.getByRole('button', { name: 'Sign out' });
const signInLink = (page: Page) => page.getByRole('link', { name: 'Sign in' });

describe('the session of a tab', () => {
  it('renews the session of a tab opened again after its access token ran out, on the page it was on', async () => {
    const page = await suite.signIn(...PASSENGER);
    try {
      const before = await expireStoredSession(page);
      await page.goto(`${suite.web.url}/bookings`);
      await signInLink(page).or(signOut(page)).first().waitFor();
      expect(await signOut(page).count(), 'the tab shows nobody signed in').toBe(1);
      expect(new URL(page.url()).pathname).toBe('/bookings');
      expect(await page.locator('.who').textContent()).toBe('Grace Uwimana');
      const after = await storedSession(page);
      expect(after?.refreshToken).not.toBe(before.refreshToken);
      expect(after!.expiresAt).toBeGreaterThan(Date.now());
    } finally {
      await page.context().close();
    }
  });

  it('renews a stored session whose first renewal found auth away, without signing it out', async () => {
    const page = await suite.signIn(...PASSENGER);
    try {
      const before = await expireStoredSession(page);
      // The first renewal is answered as a restarting auth answers it; the next gets through.
      let refused = 0;
      await page.route(/\/graphql$/, (route) => {
        if (operationOf(route.request()) !== 'RefreshSession' || refused++ > 0) return route.continue();
        return route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'The auth service is unavailable', extensions: { code: 'UNAVAILABLE' } }],
            data: null,
          }),
        });
      });
      const logouts = finishedLogouts(page);
      await page.reload();
      await signOut(page).waitFor({ timeout: 15_000 });
      expect(refused).toBe(2);
      const after = await storedSession(page);
      expect(after?.refreshToken).not.toBe(before.refreshToken);
      expect(logouts.count).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('stays signed in when a renewal was made but its answer lost: the retry gets the same new token', async () => {
    const page = await suite.signIn(...PASSENGER);
    try {
      const before = await expireStoredSession(page);
      // The first renewal reaches auth, which exchanges the token; its answer never reaches the tab.
      const sent: string[] = [];
      await page.route(/\/graphql$/, async (route) => {
        if (operationOf(route.request()) !== 'RefreshSession') return route.continue();
        sent.push(route.request().postData() ?? '');
        if (sent.length > 1) return route.continue();
        await route.fetch();
        return route.abort('connectionreset');
      });
      const logouts = finishedLogouts(page);
      await page.reload();
      await signOut(page).waitFor({ timeout: 15_000 });
      await expect.poll(() => sent.length).toBe(2);
      // The same token and the same key, twice.
      const [first, second] = sent.map((body) => JSON.parse(body).variables);
      expect(second).toEqual(first);
      expect(first.refreshToken).toBe(before.refreshToken);
      const after = (await storedSession(page))!;
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(logouts.count).toBe(0);
      expect(await refreshWorks(after.refreshToken)).toBe(true);
    } finally {
      await page.context().close();
    }
  });

  it('forgets at once, and ends on the server, a stored session the server refuses to renew', async () => {
    const page = await suite.signIn(...PASSENGER);
    try {
      const before = await expireStoredSession(page);
      // Used up elsewhere (a copy of the token): its sign-in is over, and the tab's renewal is refused.
      expect(await refreshWorks(before.refreshToken)).toBe(true);
      const logouts = finishedLogouts(page);
      const started = Date.now();
      await page.reload();
      await signInLink(page).waitFor();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await storedSession(page), 'a tab showing nobody signed in keeps a refresh token').toBeNull();
      await expect.poll(() => logouts.count).toBe(1);
    } finally {
      await page.context().close();
    }
  });

  it(
    'forgets, and ends on the server, a stored session it cannot renew for 20 seconds',
    { timeout: 60_000 },
    async () => {
      const page = await suite.signIn(...PASSENGER);
      try {
        const before = await expireStoredSession(page);
        // Every renewal is lost on a bad connection; the logout after them gets through.
        await page.route(/\/graphql$/, (route) =>
          operationOf(route.request()) === 'RefreshSession' ? route.abort() : route.continue(),
        );
        const logouts = finishedLogouts(page);
        await page.reload();
        await signInLink(page).waitFor({ timeout: 40_000 });
        expect(await storedSession(page), 'a tab showing nobody signed in keeps a refresh token').toBeNull();
        await expect.poll(() => logouts.count).toBe(1);
        expect(await refreshWorks(before.refreshToken)).toBe(false);
      } finally {
        await page.context().close();
      }
    },
  );

  it("changes the password on the account page: this tab stays signed in, the account's other sign-ins end", async () => {
    const email = `owner-${Date.now()}@example.com`;
    const registered = await suite.busline.request<{ register: { refreshToken: string } }>(
      'mutation($i: RegisterInput!) { register(input: $i) { refreshToken } }',
      { i: { email, password: 'Owner-password-2026', fullName: 'Aline Owner' } },
    );
    const elsewhere = registered.data!.register.refreshToken;
    const page = await suite.signIn(email, 'Owner-password-2026');
    try {
      await page.locator('.who').click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.getByLabel('Current password').fill('not-the-password');
      await page.getByLabel('New password').fill('A-new-password-2026');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('alert').getByText('The current password is not right').waitFor();
      await page.getByLabel('Current password').fill('Owner-password-2026');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').getByText('Your password is changed').waitFor();
      // The sign-in made elsewhere (another device, or whoever had the password) is over; this tab's goes on.
      expect(await refreshWorks(elsewhere)).toBe(false);
      await page.goto(`${suite.web.url}/bookings`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await signOut(page).count()).toBe(1);
      expect(await refreshWorks((await storedSession(page))!.refreshToken)).toBe(true);
    } finally {
      await page.context().close();
    }
  });

  it('takes an account back with a code e-mailed to its address: every other sign-in ends', async () => {
    const email = `forgetful-${Date.now()}@example.com`;
    const registered = await suite.busline.request<{ register: { refreshToken: string } }>(
      'mutation($i: RegisterInput!) { register(input: $i) { refreshToken } }',
      { i: { email, password: 'Forgotten-password-2026', fullName: 'Aline Forgetful' } },
    );
    const elsewhere = registered.data!.register.refreshToken;
    const page = watchPage(await (await suite.browser.newContext()).newPage());
    try {
      await page.goto(`${suite.web.url}/signin`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.waitForURL((url) => url.pathname === '/reset-password');
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send the code' }).click();
      await page.getByRole('status').getByText('a code is on its way').waitFor();
      const mail = await eventually(async () => suite.busline.platform.simulator!.messages.mailTo(email)[0], 20_000);
      const code = /\b(\d{8})\b/.exec(mail.subject)![1]!;
      await page.getByLabel('Code from the e-mail').fill(code === '00000000' ? '00000001' : '00000000');
      await page.getByLabel('New password (at least 10 characters)').fill('Remembered-password-2026');
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await page.getByRole('alert').getByText('That code is not right').waitFor();
      await page.getByLabel('Code from the e-mail').fill(code);
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await page.getByRole('status').getByText('Your password is set').waitFor();
      expect(await refreshWorks(elsewhere)).toBe(false);
      await page.getByRole('link', { name: 'Back to sign in' }).click();
      await suite.signIn(email, 'Remembered-password-2026', page);
    } finally {
      await page.context().close();
    }
  });

  it("gives a user signing in where another is signed in their own name, and ends the other's sign-in", async () => {
    const page = await suite.signIn(...PASSENGER);
    try {
      await page.locator('.who').getByText('Grace Uwimana').waitFor();
      const first = (await storedSession(page))!;
      const logouts = finishedLogouts(page);
      await suite.signIn('driver@volcano.busline.test', 'Driver-demo-2026', page);
      await page.waitForURL((url) => url.pathname === '/driver');
      expect(await page.locator('.who').textContent()).toBe('Jean Bosco Niyonzima');
      expect((await storedSession(page))?.user.fullName).toBe('Jean Bosco Niyonzima');
      await expect.poll(() => logouts.count, { timeout: 5_000 }).toBe(1);
      expect(await refreshWorks(first.refreshToken)).toBe(false);
    } finally {
      await page.context().close();
    }
  });

  it('signs out at once on a connection where the logout request hangs, and still sends it', async () => {
    const page = await suite.signIn('ops@volcano.busline.test', 'Company-demo-2026');
    try {
      const session = (await storedSession(page))!;
      const held: Route[] = [];
      await page.route(/\/graphql$/, (route) =>
        operationOf(route.request()) === 'SignOut' ? void held.push(route) : route.continue(),
      );
      await signOut(page).click();
      await page.waitForURL((url) => url.pathname === '/signin', { timeout: 5_000 });
      expect(await storedSession(page)).toBeNull();
      expect(await signOut(page).count()).toBe(0);
      // Once the connection lets the held logout through, the sign-in is over on the server too.
      await expect.poll(() => held.length).toBe(1);
      const logouts = finishedLogouts(page);
      await held[0]!.continue();
      await expect.poll(() => logouts.count).toBe(1);
      expect(await refreshWorks(session.refreshToken)).toBe(false);
    } finally {
      await page.context().close();
    }
  });
});

/**
 * Signs the passenger in and makes the tab renew its session within a second: the renewal reaches auth (which
 * exchanges the refresh token) but its answer is held back until `release`, which answers the new refresh token.
 */
async function passengerWithRenewalInFlight() {
  const page = await suite.signIn(...PASSENGER);
  let held: { route: Route; response: APIResponse } | undefined;
  await page.route(/\/graphql$/, async (route) => {
    if (operationOf(route.request()) !== 'RefreshSession' || held) return route.continue();
    held = { route, response: await route.fetch() };
  });
  // The access token has a little more than a minute left: the renewal is due at once.
  const session = (await storedSession(page))!;
  await page.evaluate((s) => sessionStorage.setItem('busline.session', JSON.stringify(s)), {
    ...session,
    expiresAt: Date.now() + 61_000,
  });
  await page.reload();
  await signOut(page).waitFor();
  await expect.poll(() => held !== undefined, { timeout: 15_000 }).toBe(true);
  const release = async () => {
    const body = (await held!.response.json()) as { data: { refreshToken: { refreshToken: string } } };
    await held!.route.fulfill({ response: held!.response });
    return body.data.refreshToken.refreshToken;
  };
  return { page, logouts: finishedLogouts(page), release };
}

describe('a renewal answered after the tab signed out', () => {
  it('keeps the tab signed out, and ends the sign-in the late answer brought on the server', async () => {
    const { page, logouts, release } = await passengerWithRenewalInFlight();
    try {
      await signOut(page).click();
      await page.waitForURL((url) => url.pathname === '/signin');
      await expect.poll(() => logouts.count).toBe(1);
      const renewed = await release();
      await expect.poll(() => logouts.count).toBe(2);
      expect(await storedSession(page), 'a signed-out tab stores a session again').toBeNull();
      expect(await signOut(page).count(), 'a signed-out tab shows the previous user signed in again').toBe(0);
      expect(await refreshWorks(renewed)).toBe(false);
    } finally {
      await page.context().close();
    }
  });

  it("never puts the previous user's late renewal in place of the next user's sign-in", async () => {
    const { page, logouts, release } = await passengerWithRenewalInFlight();
    try {
      await signOut(page).click();
      await page.waitForURL((url) => url.pathname === '/signin');
      await expect.poll(() => logouts.count).toBe(1);
      // The next person signs in on the page Sign out left (no reload).
      await page.getByLabel('Email').fill('driver@volcano.busline.test');
      await page.getByLabel('Password').fill('Driver-demo-2026');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/driver');
      await page.locator('.who').getByText('Jean Bosco Niyonzima').waitFor();
      const driver = (await storedSession(page))!;
      const renewed = await release();
      await expect.poll(() => logouts.count).toBe(2);
      expect(await page.locator('.who').textContent()).toBe('Jean Bosco Niyonzima');
      expect((await storedSession(page))?.refreshToken).toBe(driver.refreshToken);
      expect(await refreshWorks(renewed)).toBe(false);
    } finally {
      await page.context().close();
    }
  });
});
