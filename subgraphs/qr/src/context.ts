import type { BaseContext, Db, TransactionRunner, Viewer } from '@busline/shared';
import type { KeyRing } from './keys/key-ring';
import { BoardingPassRepository } from './repositories/boarding-pass-repository';
import { QrImages } from './services/qr-image';
import { PassReads } from './services/read-passes';
import { verifyTicket } from './services/verify-ticket';

/** What the qr subgraph's services need, built once by server.ts. */
export interface QrDeps {
  db: Db;
  keys: KeyRing;
  runner: TransactionRunner;
  /** How long before departure scans start to board. */
  boardingOpensMs: number;
}

/** What the qr resolvers call. */
export interface QrServices {
  /** This request's batched pass reads. */
  passes: PassReads;
  /** This request's QR images: each drawn once, a bounded number of new ones. */
  images: QrImages;
  /** A driver's scan of a pass (see services/verify-ticket.ts). */
  verifyTicket: (
    viewer: Viewer,
    token: string,
    tripId: string | null,
    stop: number | null,
    deadline: number | null,
  ) => ReturnType<typeof verifyTicket>;
}

/** Per-request state of the qr subgraph. */
export interface QrContext extends BaseContext {
  services: QrServices;
}

export function buildContext(base: BaseContext, deps: QrDeps): QrContext {
  const repo = new BoardingPassRepository(deps.db);
  const scan = { keys: deps.keys, runner: deps.runner, repo, boardingOpensMs: deps.boardingOpensMs };
  return {
    ...base,
    services: {
      passes: new PassReads(deps.db),
      images: new QrImages(),
      verifyTicket: (viewer, token, tripId, stop, deadline) =>
        verifyTicket(scan, viewer, token, tripId, stop, deadline),
    },
  };
}
