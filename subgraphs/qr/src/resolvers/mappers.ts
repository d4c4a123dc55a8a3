/**
 * Objects the resolvers hand over for GraphQL types (codegen.ts maps the generated resolver types onto them).
 */

/** A ticket is owned by ticketing; this subgraph only knows its id and resolves its QR from it. */
export interface TicketRef {
  __typename?: 'Ticket';
  id: string;
  /** Sent by the router when Ticket.qr is asked for (@requires). */
  status?: string;
}

/** What Ticket.qr hands to TicketQR: images are rendered from the token only when asked for. */
export interface TicketQrSource {
  token: string;
  validUntil: Date;
  boardingStop: number;
  alightingStop: number | null;
  boardingStopName: string | null;
  alightingStopName: string | null;
}
