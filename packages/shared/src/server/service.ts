import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';

/** A background loop owned by a service (outbox relay, event consumer, sweeper). */
export interface Worker {
  name: string;
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** What `createServer(deps)` returns: started by index.ts (or a test) and stopped cleanly. */
export interface Service {
  readonly name: string;
  readonly httpServer: Server;
  /** Base URL once started (http://127.0.0.1:<port>). */
  readonly url: string | undefined;
  /** Listens (port 0 picks a free port) and starts the workers; resolves with the base URL. */
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  logger: Logger;
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  workers?: Worker[];
  /** Runs after the HTTP server is created, e.g. to attach a WebSocket server. */
  attach?: (server: Server) => { close(): Promise<void> } | void;
  /** Runs last on stop (closing clients the service owns). */
  onStop?: () => Promise<void>;
}

export function createService(options: ServiceOptions): Service {
  const httpServer = createHttpServer(options.handler);
  // Longer than the router's keep-alive agents so they never reuse a socket we just closed.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const attached = options.attach?.(httpServer) ?? undefined;
  const workers = options.workers ?? [];
  let url: string | undefined;
  let started = false;

  return {
    name: options.name,
    httpServer,
    get url() {
      return url;
    },
    async start(port = 0, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      url = `http://${shownHost}:${address.port}`;
      for (const worker of workers) await worker.start();
      started = true;
      options.logger.info({ url, workers: workers.map((w) => w.name) }, `${options.name} listening`);
      return url;
    },
    async stop() {
      if (started) {
        for (const worker of [...workers].reverse()) {
          try {
            await worker.stop();
          } catch (error) {
            options.logger.warn({ err: error, worker: worker.name }, 'worker did not stop cleanly');
          }
        }
      }
      await attached?.close();
      await new Promise<void>((resolve) => {
        if (!httpServer.listening) return resolve();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await options.onStop?.();
      started = false;
      options.logger.info(`${options.name} stopped`);
    },
  };
}
