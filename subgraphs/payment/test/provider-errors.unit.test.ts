import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@busline/shared';
import { ProviderHttpError } from '../src/provider/http';
import { momoStatus } from '../src/provider/mtn-momo';

const PHONE = '250788123456';
// What MoMo answers about a request to pay (it echoes the payer), and an Airtel error that names the number.
const momoBody = {
  amount: '100',
  currency: 'RWF',
  externalId: 'x',
  payer: { partyIdType: 'MSISDN', partyId: PHONE },
  status: 'WEIRD',
  reason: { code: 'INTERNAL_PROCESSING_ERROR', message: `Payer ${PHONE} could not be reached` },
};
const airtelBody = {
  data: { transaction: { id: 'x', msisdn: '788123456' } },
  status: {
    code: '500',
    message: 'Subscriber +250 788 123 456 unavailable',
    response_code: 'DP00800001000',
    success: false,
  },
};

/** A logger writing into a string, as payment's logs are written. */
function capture() {
  let lines = '';
  const destination = new Writable({ write: (chunk, _encoding, done) => ((lines += String(chunk)), done()) });
  return { logger: createLogger('payment-test', { destination }), lines: () => lines };
}

describe('provider errors in logs and in the database', () => {
  it("keeps the provider's error code and message, never the body, and masks numbers in the message", () => {
    const mtn = new ProviderHttpError('mtn-momo', 'requesttopay status', 500, momoBody);
    expect(mtn.message).toBe(
      'mtn-momo requesttopay status: HTTP 500 INTERNAL_PROCESSING_ERROR (Payer [number] could not be reached)',
    );
    expect(Object.values(mtn).map(String).join(' ')).not.toContain('788123456');
    const airtel = new ProviderHttpError('airtel-money', 'status', 500, airtelBody);
    expect(airtel.message).toBe('airtel-money status: HTTP 500 DP00800001000 (Subscriber [number] unavailable)');
    // An unknown status answer (it carries payer.partyId) is reported by its status only.
    expect(() => momoStatus(momoBody)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('788123456') }),
    );
  });

  it('logs no payer number from a provider error, nor from partyId and msisdn fields', () => {
    const { logger, lines } = capture();
    logger.warn(
      { err: new ProviderHttpError('mtn-momo', 'refund', 503, momoBody) },
      'refund attempt failed; will retry',
    );
    logger.warn(
      { partyId: PHONE, payer: { partyId: PHONE }, msisdn: '788123456', request: { msisdn: '788123456' } },
      'provider request',
    );
    logger.flush();
    expect(lines()).toContain('refund attempt failed');
    expect(lines()).toContain('[redacted]');
    expect(lines()).not.toContain('788123456');
  });
});
