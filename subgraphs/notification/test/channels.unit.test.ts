import { describe, expect, it } from 'vitest';
import { channelsFor, type Addressee } from '../src/services/compose';

const recipient = (phone: string | null, email: string | null, channels: Addressee['channels'] = null): Addressee => ({
  userId: 'user-1',
  fullName: 'Aline Uwase',
  phone,
  email,
  profileLanguage: 'en',
  channels,
  language: null,
});

describe('the channels a message goes out on', () => {
  it('texts a phone and e-mails an address, or what the passenger chose', () => {
    expect(channelsFor(recipient('+250788123456', 'aline@example.com'))).toEqual([
      { channel: 'SMS', address: '+250788123456' },
      { channel: 'EMAIL', address: 'aline@example.com' },
    ]);
    expect(channelsFor(recipient('+250788123456', 'aline@example.com', ['SMS']))).toEqual([
      { channel: 'SMS', address: '+250788123456' },
    ]);
  });

  it('texts no premium-rate or non-geographic number an account kept from before they were refused', () => {
    expect(channelsFor(recipient('+979123456789', 'aline@example.com'))).toEqual([
      { channel: 'EMAIL', address: 'aline@example.com' },
    ]);
    // SMS chosen, the number not textable: e-mail instead, as when the phone is removed.
    expect(channelsFor(recipient('+8821234567890', 'aline@example.com', ['SMS']))).toEqual([
      { channel: 'EMAIL', address: 'aline@example.com' },
    ]);
    expect(channelsFor(recipient('+881612345678', null))).toEqual([]);
  });
});
