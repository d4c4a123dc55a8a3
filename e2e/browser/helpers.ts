import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveWebClient, type WebClientServer } from '../../clients/web/serve';
import { kigaliDate, startTestPlatform, type TestPlatform } from '../harness';

/**
 * What the browser test files share: the platform, the built web client and a system Chromium started once
 * per file, signing in on a page of its own, screenshots, and tomorrow's first Volcano trip from Kigali to
 * Musanze found through the router. Chromium comes from the system (.ci/run installs it); nothing is
 * downloaded. The client is built by the browser project's global setup (global-setup.ts).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(root, 'test-results', 'screenshots');

export const tomorrow = () => kigaliDate(1);

/** The window of a desktop browser, for the pages the suite signs in on. */
const VIEWPORT = { viewport: { width: 1280, height: 900 } };

/** "3,500 RWF" → 3500. */
export const amountOf = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** A full-page screenshot in test-results/screenshots/<name>.png. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

/** What the page's content security policy refused, on every page a suite watched (none is expected). */
const refusedByPolicy: string[] = [];

/** Prints a page's errors, and keeps what its content security policy refused (the suite fails on any). */
export function watchPage(page: Page): Page {
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    console.error(`[browser console] ${message.text()}`);
    if (message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text());
  });
  return page;
}

export interface BrowserSuite {
  readonly busline: TestPlatform;
  readonly web: WebClientServer;
  readonly browser: Browser;
  /**
   * Signs in on `page`, or on a page of its own (a fresh browser context); fails with the page's alert when
   * refused.
   */
  signIn(email: string, password: string, page?: Page): Promise<Page>;
}

/**
 * Starts the web client, the seeded platform (its CORS allowing the client; `env` added) and Chromium before
 * the file's tests, and stops them after.
 */
export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  let busline: TestPlatform | undefined;
  let web: WebClientServer | undefined;
  let browser: Browser | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite is not started (use it inside a test)');
    return value;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.`,
      );
    }
    mkdirSync(screenshots, { recursive: true });
    // The page learns the router's URL per request, so the static server can start first and its origin
    // be allowed by the router's CORS.
    let graphqlUrl: string | undefined;
    web = await serveWebClient({ port: 0, host: '127.0.0.1', graphqlUrl: () => graphqlUrl });
    if (!web.built)
      throw new Error(
        'clients/web/dist is not built: run these tests through the browser project, whose global setup builds it',
      );
    [busline, browser] = await Promise.all([
      startTestPlatform({ seed: true, env: { SANDBOX_CALLBACK_DELAY_MS: '200', CORS_ORIGINS: web.url, ...env } }),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] }),
    ]);
    graphqlUrl = `${busline.routerUrl}/graphql`;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await busline?.stop();
    // The client must work under the policy serve.ts sends: anything it refused is a part of the page that broke.
    if (refusedByPolicy.length > 0)
      throw new Error(`the content security policy refused:\n${refusedByPolicy.join('\n')}`);
  });

  const suite: BrowserSuite = {
    get busline() {
      return started(busline);
    },
    get web() {
      return started(web);
    },
    get browser() {
      return started(browser);
    },
    async signIn(email, password, on) {
      const page = on ?? watchPage(await (await suite.browser.newContext(VIEWPORT)).newPage());
      await page.goto(`${suite.web.url}/signin`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const signedIn = page.waitForURL((url) => url.pathname !== '/signin').then(() => null);
      const refused = page
        .getByRole('alert')
        .first()
        .waitFor()
        .then(() => page.getByRole('alert').first().textContent());
      const problem = await Promise.race([signedIn, refused]);
      if (problem !== null) {
        await screenshot(page, `sign-in-failed-${email}`);
        throw new Error(`sign-in as ${email} failed: ${problem}`);
      }
      return page;
    },
  };
  return suite;
}

/**
 * Tomorrow's first Volcano Coaches trip from Kigali to Musanze, searched through the router (as `token`
 * when given), with its first free seat.
 */
export async function volcanoTripTomorrow(
  busline: TestPlatform,
  token?: string,
): Promise<{ id: string; seat: string }> {
  const search = await busline.request<{
    searchTrips: { id: string; company: { name: string }; seatMap: { label: string; state: string }[] }[];
  }>(
    'query($input: SearchTripsInput!) { searchTrips(input: $input) { id company { name } seatMap { label state } } }',
    { input: { originCity: 'Kigali', destinationCity: 'Musanze', date: tomorrow(), passengers: 1 } },
    token,
  );
  const trip = search.data?.searchTrips.find((t) => t.company.name === 'Volcano Coaches');
  if (!trip)
    throw new Error(`no Volcano Coaches trip from Kigali to Musanze tomorrow: ${JSON.stringify(search.errors)}`);
  return { id: trip.id, seat: trip.seatMap.find((s) => s.state === 'AVAILABLE')!.label };
}
