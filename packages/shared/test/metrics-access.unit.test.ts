import { describe, expect, it } from 'vitest';
import { BoundedLabel, Registry } from '../src/observability/metrics';
import { metricsResponse, type MetricsAccess } from '../src/server/metrics-endpoint';

const TOKEN = 'metrics-token-0123456789abcdef';
const SECRET = 'router-secret-0123456789abcdef';
const registry = new Registry();

const status = async (access: Omit<MetricsAccess, 'registry'>, headers: Record<string, string> = {}, method = 'GET') =>
  (await metricsResponse(new Request('http://service/metrics', { method, headers }), { registry, ...access })).status;

describe('who may read /metrics', () => {
  it("lets a subgraph's scraper in with the bearer token or the router secret, and no one else", async () => {
    const subgraph = { token: TOKEN, routerSecret: SECRET, openWithoutCredentials: true };
    expect(await status(subgraph, { authorization: `Bearer ${TOKEN}` })).toBe(200);
    expect(await status(subgraph, { 'x-router-secret': SECRET })).toBe(200);
    expect(await status(subgraph)).toBe(401);
    expect(await status(subgraph, { authorization: `Bearer ${SECRET}` })).toBe(401);
    expect(await status(subgraph, { authorization: TOKEN })).toBe(401);
  });

  it('refuses a subgraph with only a router secret like its GraphQL endpoint (403)', async () => {
    expect(await status({ routerSecret: SECRET, openWithoutCredentials: true })).toBe(403);
  });

  it("answers with the exposition it is given (a router worker: every worker's sum), and only to those it lets in", async () => {
    let asked = 0;
    const exposition = async () => {
      asked++;
      return 'busline_router_workers_reporting{service="router"} 2\n';
    };
    const request = (headers: Record<string, string>) =>
      metricsResponse(new Request('http://router/metrics', { headers }), {
        registry,
        token: TOKEN,
        openWithoutCredentials: false,
        exposition,
      });
    expect(await (await request({ authorization: `Bearer ${TOKEN}` })).text()).toContain(
      'busline_router_workers_reporting{service="router"} 2',
    );
    expect((await request({})).status).toBe(401);
    expect(asked).toBe(1);
  });

  it('answers without credentials only where nothing is configured and that is allowed', async () => {
    expect(await status({ openWithoutCredentials: true })).toBe(200);
    expect(await status({ openWithoutCredentials: false })).toBe(403);
  });

  it('answers GET only', async () => {
    expect(await status({ openWithoutCredentials: true }, {}, 'POST')).toBe(405);
  });
});

describe('a label whose values clients choose', () => {
  it('keeps the first distinct values and reports the rest as other', () => {
    const label = new BoundedLabel(2);
    expect([label.value('A'), label.value('B'), label.value('C'), label.value('A')]).toEqual(['A', 'B', 'other', 'A']);
  });

  it('names an absent value and refuses what is not a GraphQL name', () => {
    const label = new BoundedLabel(10);
    expect([label.value(undefined), label.value('bad name"}'), label.value('x'.repeat(500))]).toEqual([
      'anonymous',
      'invalid',
      'x'.repeat(64),
    ]);
  });
});
