/**
 * A small static server for the built client (no dependencies): files from dist/, index.html for every
 * other GET (client-side routes), and the runtime config injected into index.html so one build can talk
 * to any router. `npm start` calls it on :5173; the browser test on port 0.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServeWebClientOptions {
  port: number;
  host?: string;
  /** Built client; defaults to clients/web/dist. */
  distDir?: string;
  /**
   * Router GraphQL endpoint the page uses (HTTP; WebSocket is derived). A function is read per request,
   * so the server can start before the router's port is known. Omitted: the page uses
   * http://<its own hostname>:8080/graphql.
   */
  graphqlUrl?: string | (() => string | undefined);
  /** The sign-in page offers the demo accounts (the platform seeded them: `npm start`). Default: not. */
  demoAccounts?: boolean;
}

export interface WebClientServer {
  url: string;
  /** False while dist/ has no index.html: every page then says how to build the client. */
  readonly built: boolean;
  server: Server;
  close(): Promise<void>;
}

export const defaultDistDir = fileURLToPath(new URL('./dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Busline web client</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The web client is not built yet</h1><p>Run <code>npm run build -w clients/web</code>, then reload.</p></body>`;

/**
 * Every answer: never sniffed into another type, never framed by another site, no path in a Referer elsewhere, and
 * no handle on the page for a page of another site that opened it (which could send it to a look-alike sign-in).
 */
const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

function runtimeConfig(graphqlUrl: string | undefined, demoAccounts: boolean): string {
  const config = { ...(graphqlUrl ? { graphqlUrl } : {}), ...(demoAccounts ? { demoAccounts } : {}) };
  // Escape "<" so a URL can never close the script element.
  return `window.__BUSLINE__ = ${JSON.stringify(config).replace(/</g, '\\u003c')};`;
}

/**
 * The page's policy: its own scripts and the runtime config (by its hash) run, nothing else; it talks to its own
 * origin and the router (HTTP and WebSocket) only; images may be data URLs (QR passes); no site may frame it.
 * Without a configured router the page calls port 8080 of the hostname it was opened on (src/lib/config.ts).
 */
function contentSecurityPolicy(config: string, graphqlUrl: string | undefined, host: string | undefined): string {
  // A relative URL (`/graphql` behind the same reverse proxy) is the page's own origin: 'self'.
  const router = graphqlUrl
    ? URL.canParse(graphqlUrl)
      ? [new URL(graphqlUrl).origin]
      : []
    : host
      ? ['http', 'https'].map((scheme) => `${scheme}://${new URL(`http://${host}`).hostname}:8080`)
      : [];
  const routerSources = router.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]);
  const scriptHash = createHash('sha256').update(config).digest('base64');
  return [
    "default-src 'self'",
    `script-src 'self' 'sha256-${scriptHash}'`,
    `connect-src 'self' ${routerSources.join(' ')}`.trim(),
    "img-src 'self' data:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * dist/index.html, read again whenever it changes: `npm run web:build` while the server runs writes one naming new
 * hashed scripts and deletes the old ones, and a server started before the first build starts serving the client.
 * Undefined while there is none.
 */
function indexReader(indexPath: string): () => Promise<string | undefined> {
  let last: { version: string; template: string } | undefined;
  return async () => {
    const info = await stat(indexPath).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    // A rebuild writes a new file (a new inode) of about the same size, maybe within the same mtime tick.
    const version = `${info.ino}:${info.mtimeMs}:${info.size}`;
    if (last?.version !== version) {
      const template = await readFile(indexPath, 'utf8').catch(() => undefined);
      if (template === undefined) return undefined;
      last = { version, template };
    }
    return last.template;
  };
}

export async function serveWebClient(options: ServeWebClientOptions): Promise<WebClientServer> {
  const root = resolve(options.distDir ?? defaultDistDir);
  const indexPath = join(root, 'index.html');
  const readIndex = indexReader(indexPath);
  const readUrl = () => (typeof options.graphqlUrl === 'function' ? options.graphqlUrl() : options.graphqlUrl);

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...BASE_HEADERS, allow: 'GET, HEAD' }).end();
        return;
      }
      const indexTemplate = await readIndex();
      if (indexTemplate === undefined) {
        res
          .writeHead(503, { ...BASE_HEADERS, 'content-type': TYPES['.html']!, 'cache-control': 'no-store' })
          .end(NOT_BUILT);
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
      const file = normalize(join(root, pathname));
      // Source maps are not served: they would publish the client's sources (the build makes none; old ones may be
      // left in dist).
      if (extname(pathname) === '.map') {
        res.writeHead(404, { ...BASE_HEADERS, 'content-type': TYPES['.txt']! }).end('Not found');
        return;
      }
      if (file.startsWith(root + sep) && file !== indexPath) {
        const info = await stat(file).catch(() => undefined);
        if (info?.isFile()) {
          const body = await readFile(file);
          const immutable = pathname.startsWith('/assets/');
          res.writeHead(200, {
            ...BASE_HEADERS,
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          });
          res.end(req.method === 'HEAD' ? undefined : body);
          return;
        }
        // A missing asset is a 404; anything else is a client-side route.
        if (extname(pathname)) {
          res.writeHead(404, { ...BASE_HEADERS, 'content-type': TYPES['.txt']! }).end('Not found');
          return;
        }
      }
      const graphqlUrl = readUrl();
      const config = runtimeConfig(graphqlUrl, options.demoAccounts ?? false);
      const html = indexTemplate.replace('<!--busline-runtime-config-->', `<script>${config}</script>`);
      res.writeHead(200, {
        ...BASE_HEADERS,
        'content-type': TYPES['.html']!,
        'cache-control': 'no-cache',
        'content-security-policy': contentSecurityPolicy(config, graphqlUrl, req.headers.host),
      });
      res.end(req.method === 'HEAD' ? undefined : html);
    } catch {
      if (!res.headersSent) res.writeHead(400, { ...BASE_HEADERS, 'content-type': TYPES['.txt']! });
      res.end('Bad request');
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    get built() {
      return existsSync(indexPath);
    },
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

// `npm run serve -w clients/web`: serve dist/ on :5173 (PORT, HOST, GRAPHQL_URL override).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const served = await serveWebClient({
    port: Number(process.env.PORT ?? 5173),
    host: process.env.HOST ?? '127.0.0.1',
    graphqlUrl: process.env.GRAPHQL_URL,
  });
  console.log(`Busline web client on ${served.url}${served.built ? '' : ' (not built: npm run build -w clients/web)'}`);
}
