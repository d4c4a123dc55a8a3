// A Redis primary and its replica behind one address, failed over as a managed Redis's maintenance does.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { freePort, startOwnRedis, type OwnServer } from '@busline/shared/testing';

/**
 * The address clients are given for "the Redis primary" (a managed Redis's primary endpoint, a DNS name, a
 * Kubernetes Service selecting the master): a TCP forwarder. A failover points it at another node for NEW
 * connections; connections already open stay with the node they were made to, as they do behind DNS or kube-proxy
 * (conntrack) when the old primary is not killed but demoted to a replica (a planned failover, a managed Redis's
 * maintenance, Sentinel/operator switchover).
 */
export class PrimaryEndpoint {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(public targetPort: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      this.sockets.add(client);
      this.sockets.add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close);
      upstream.on('error', close);
      client.on('close', close);
      upstream.on('close', close);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface ReplicatedRedis {
  primary: OwnServer;
  replica: OwnServer;
  endpoint: PrimaryEndpoint;
  /** Promotes the replica, points the endpoint at it, and demotes the old primary to its replica (each call swaps). */
  failover(): Promise<void>;
  destroy(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A primary and its replica (own servers, free ports), behind a primary endpoint. */
export async function startReplicatedRedis(): Promise<ReplicatedRedis> {
  const [primary, replica] = await Promise.all([startOwnRedis(), startOwnRedis()]);
  const admin = (server: OwnServer) => new Redis(server.url, { lazyConnect: false });
  const replicaAdmin = admin(replica);
  await replicaAdmin.replicaof('127.0.0.1', primary.port);
  await waitFor(async () => /master_link_status:up/.test(await replicaAdmin.info('replication')));
  replicaAdmin.disconnect();
  const endpoint = new PrimaryEndpoint(primary.port);
  await endpoint.start();
  // Swapped by each failover.
  const roles = { primary, replica };
  return {
    primary,
    replica,
    endpoint,
    async failover() {
      const oldPrimary = admin(roles.primary);
      const newPrimary = admin(roles.replica);
      try {
        // Let the replica catch up, as a planned failover does, then switch.
        await waitFor(async () => {
          const a = /master_repl_offset:(\d+)/.exec(await oldPrimary.info('replication'))?.[1];
          const b = /master_repl_offset:(\d+)/.exec(await newPrimary.info('replication'))?.[1];
          return a !== undefined && a === b;
        });
        await newPrimary.call('REPLICAOF', 'NO', 'ONE');
        endpoint.targetPort = roles.replica.port;
        await oldPrimary.replicaof('127.0.0.1', roles.replica.port);
        await waitFor(async () => /master_link_status:up/.test(await oldPrimary.info('replication')));
        [roles.primary, roles.replica] = [roles.replica, roles.primary];
      } finally {
        oldPrimary.disconnect();
        newPrimary.disconnect();
      }
    },
    async destroy() {
      await endpoint.stop();
      await Promise.all([primary.destroy(), replica.destroy()]);
    },
  };
}
