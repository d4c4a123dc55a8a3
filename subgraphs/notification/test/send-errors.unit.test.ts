import { describe, expect, it } from 'vitest';
import { withoutAddresses } from '../src/services/send-messages';

describe('withoutAddresses', () => {
  it('cuts a number in the forms providers echo it, and keeps the rest', () => {
    const error = 'refused +250788123456 (250788123456, 0788123456): blacklisted; retry 250 ms';
    expect(withoutAddresses(error, '+250788123456')).toBe(
      'refused [recipient] ([recipient], 0[recipient]): blacklisted; retry 250 ms',
    );
  });

  it('cuts the e-mail address and any other, whatever the case', () => {
    const error = '550 5.1.1 <Grace.Uwimana@Example.rw>: rejected; forwarded to ops@example.rw';
    expect(withoutAddresses(error, 'grace.uwimana@example.rw')).toBe(
      '550 5.1.1 <[recipient]>: rejected; forwarded to [recipient]',
    );
  });

  it('leaves an error that names nobody as it is', () => {
    expect(withoutAddresses('connect ECONNREFUSED 127.0.0.1:587', 'a@b.rw')).toBe('connect ECONNREFUSED 127.0.0.1:587');
  });
});
