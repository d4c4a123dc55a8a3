// A pass's QR images are the qr subgraph's costly part (~15 ms of CPU per PNG): one request may not multiply them by
// aliases or by a ticket → booking → tickets walk, which reaches the subgraph as the same ticket asked again.
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QrImages } from '../src/services/qr-image';
import { generateSigningJwk } from '../src/keys/key-ring';
import { confirmBooking, startQrSubgraph, type QrSubgraph } from './helpers';

let subgraph: QrSubgraph;
beforeAll(async () => {
  subgraph = await startQrSubgraph([generateSigningJwk()]);
});
afterAll(() => subgraph.stop());

const aliases = (field: string, n: number) => Array.from({ length: n }, (_, i) => `${field[0]}${i}: ${field}`);
const IMAGES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { qr {
  token ${aliases('pngDataUrl', 20).join(' ')} ${aliases('svg', 5).join(' ')} } } } }`;

describe("a request's QR images", () => {
  it('draw each ticket once per format, however often the request names it; a later request draws none again', async () => {
    const booking = await confirmBooking(subgraph, { seats: 6 });
    // Each ticket five times over, as the router asks for `booking { tickets { booking { tickets { qr } } } }`.
    const r = Array.from({ length: 5 }, () => booking.ticketIds.map((id) => ({ __typename: 'Ticket', id }))).flat();
    const png = vi.spyOn(QRCode, 'toDataURL');
    const svg = vi.spyOn(QRCode, 'toString');
    try {
      const answer = await subgraph.request(IMAGES, { r }, booking.owner);
      expect(answer.errors).toBeUndefined();
      const entities = answer.data!._entities as { qr: Record<string, string> }[];
      expect(entities).toHaveLength(30);
      for (const { qr } of entities) {
        expect(qr.p0).toMatch(/^data:image\/png;base64,/);
        expect(qr.p19).toBe(qr.p0);
        expect(qr.s4).toContain('<svg');
      }
      expect(png).toHaveBeenCalledTimes(6);
      expect(svg).toHaveBeenCalledTimes(6);

      const again = await subgraph.request(IMAGES, { r: r.slice(0, 6) }, booking.owner);
      expect(again.errors).toBeUndefined();
      expect(png).toHaveBeenCalledTimes(6);
      expect(svg).toHaveBeenCalledTimes(6);
    } finally {
      png.mockRestore();
      svg.mockRestore();
    }
  });

  it('are drawn up to a bound; past it the request is refused with QR_IMAGE_LIMIT, what it asked again is not counted', async () => {
    const images = new QrImages(3);
    const tokens = ['a', 'b', 'c', 'd'].map((t) => `bound-test-${t}-${Math.random()}`);
    for (const token of tokens.slice(0, 3)) await images.render(token, 'svg');
    expect(await images.render(tokens[0]!, 'svg')).toContain('<svg');
    let refusal: unknown;
    try {
      await images.render(tokens[3]!, 'svg');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'QR_IMAGE_LIMIT', max: 3 } });
    // Another request starts its own count.
    expect(await new QrImages(3).render(tokens[3]!, 'svg')).toContain('<svg');
  });

  it('being drawn for one request, are waited for by another that asks meanwhile, not drawn twice', async () => {
    const svg = vi.spyOn(QRCode, 'toString');
    try {
      const token = `in-flight-${Math.random()}`;
      const [first, second] = await Promise.all([
        new QrImages().render(token, 'svg'),
        new QrImages().render(token, 'svg'),
      ]);
      expect(second).toBe(first);
      expect(svg).toHaveBeenCalledTimes(1);
    } finally {
      svg.mockRestore();
    }
  });
});
