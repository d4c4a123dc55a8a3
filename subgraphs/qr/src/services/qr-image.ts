import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';
import { AppError, ErrorCode } from '@busline/shared';

const options = { errorCorrectionLevel: 'M' as const, margin: 2 };

type Format = 'svg' | 'png';

/** Renders a boarding-pass token as the QR image the apps show: SVG markup or a PNG data URL. */
export async function renderQr(token: string, format: Format): Promise<string> {
  return format === 'svg'
    ? QRCode.toString(token, { ...options, type: 'svg' })
    : QRCode.toDataURL(token, { ...options, width: 320 });
}

/**
 * Images a request may have drawn that no earlier one had (a PNG costs ~15 ms of CPU on one core, and the event loop
 * waits meanwhile): a booking's tickets in both formats at the largest booking (MAX_SEATS_PER_BOOKING 50) fit.
 */
export const MAX_NEW_IMAGES_PER_REQUEST = 100;

/** Images drawn lately, shared by every request of the process (about 10 KB each: 16 MiB in all at the most). */
const drawn = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (image) => image.length });
/** Images being drawn now: a request asking for one meanwhile waits for that drawing instead of starting its own. */
const drawing = new Map<string, Promise<string>>();

/**
 * One request's QR images (one request to this subgraph: an operation through the router may make a few). A token
 * asked for again in the same request — under an alias, or reached once more through `ticket { booking { tickets } }`
 * — or drawn (or being drawn) for another request is not drawn again, and past MAX_NEW_IMAGES_PER_REQUEST new ones
 * each further image field answers `BAD_USER_INPUT`, reason `QR_IMAGE_LIMIT` (the images before it are answered):
 * one query must not keep the service that boards passengers busy for seconds.
 */
export class QrImages {
  private readonly asked = new Map<string, Promise<string>>();
  private newImages = 0;

  constructor(private readonly maxNew = MAX_NEW_IMAGES_PER_REQUEST) {}

  render(token: string, format: Format): Promise<string> {
    const key = `${format}:${token}`;
    const known = this.asked.get(key);
    if (known) return known;
    const cached = drawn.get(key);
    const shared = cached !== undefined ? Promise.resolve(cached) : drawing.get(key);
    if (shared) {
      this.asked.set(key, shared);
      return shared;
    }
    if (this.newImages >= this.maxNew)
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `At most ${this.maxNew} QR images are drawn in one request; ask for the rest (or for \`token\` only) in another`,
        { reason: 'QR_IMAGE_LIMIT', max: this.maxNew },
      );
    this.newImages++;
    const image = renderQr(token, format)
      .then((rendered) => {
        drawn.set(key, rendered);
        return rendered;
      })
      .finally(() => drawing.delete(key));
    drawing.set(key, image);
    this.asked.set(key, image);
    return image;
  }
}
