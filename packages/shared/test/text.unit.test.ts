import { describe, expect, it } from 'vitest';
import {
  hasControlCharacter,
  hasControlCharacterInText,
  isEmailAddress,
  looksLikeLink,
  phoneNumberProblem,
  nameProblem,
  personNameProblem,
} from '../src/text';

describe('names texts and e-mails carry', () => {
  it.each([
    'Gisenyi\n\nBusline: confirm your PIN',
    'Gisenyi\u202e',
    'Huye\tPark',
    'Zero\u200bwidth',
    'Gisenyi https://evil.example/r',
    'www.busline-refunds.com',
    'Book at volcano-deals.rw',
    'bit.do/x',
    't.co/abc',
  ])('refuses %j', (name) => {
    expect(nameProblem(name)).toBeDefined();
  });

  it.each([
    'Rubavu (Gisenyi) Bus Park',
    'Nyabugogo',
    'St.Mary Coaches',
    'Kigali 👨‍👩‍👧 Tours',
    'Kigali → Huye',
    "Côte d'Ivoire",
  ])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });
});

describe('phone numbers the platform texts', () => {
  it.each(['+979123456789', '+8821234567890', '+881612345678', '+870772123456', '+80012345678', '+9912345678'])(
    'refuses the premium-rate or non-geographic %s',
    (phone) => {
      expect(phoneNumberProblem(phone)).toMatch(/premium-rate, satellite or international network/);
    },
  );

  it.each([
    '+250788123456',
    '+256772123456',
    '+254712345678',
    '+886912345678',
    '+97150123456',
    '+8801712345678',
    // Tajikistan, Turkmenistan, Azerbaijan, Georgia, Kyrgyzstan, Uzbekistan.
    '+992917123456',
    '+99365123456',
    '+994501234567',
    '+995555123456',
    '+996555123456',
    '+998901234567',
  ])("takes a country's number %s", (phone) => {
    expect(phoneNumberProblem(phone)).toBeUndefined();
  });
});

describe('names a greeting leaves out', () => {
  it.each([
    'Refund due: rb.gy/momo-rw',
    'Pay at momo-refund.cc now',
    'Claim at busline\uff0erefund',
    'Write to help@pay-back',
    'Call 0788 123 456',
    'Call +250-788-123-456',
    'https://x',
    'www.example',
    // Written so that a pattern over the raw text would not see them: spaced or other dashes, other digits and dots.
    'Refund: call 0788 - 123 - 456',
    'Refund: call 0788\u2013123\u2013456',
    'Refund: call \uff10\uff17\uff18\uff18\uff11\uff12\uff13\uff14\uff15\uff16',
    'Refund: call \u0660\u0667\u0668\u0668\u0661\u0662\u0663',
    'Refund at momo-pay\uff61cc',
    'Refund at momo-pay\u3002cc',
    'Write to help\uff20pay-back',
  ])('%j', (name) => {
    expect(looksLikeLink(name)).toBe(true);
  });

  it.each(['Aline Uwase', 'Jean-Paul Habimana', "O'Neil Mary-Jane", 'J. R. Kagame', 'Ngabo 2', 'Élise Mukamana'])(
    'keeps %j',
    (name) => {
      expect(looksLikeLink(name)).toBe(false);
    },
  );
});

describe('e-mail addresses', () => {
  it('accepts what a browser accepts, and refuses display names, lists and spaces', () => {
    for (const ok of ['aline@busline.rw', 'a.b+tag@mail.example.co.rw', "o'neil@x.ke"])
      expect(isEmailAddress(ok)).toBe(true);
    for (const bad of ['0<victim@example.com>', 'a@b', 'a b@c.rw', 'two@x.rw,three@x.rw', '"q"@x.rw', 'a@-x.rw'])
      expect(isEmailAddress(bad)).toBe(false);
    // What mail servers refuse (the simulator's SMTP server among them: every e-mail to them failed).
    for (const bad of [
      'aline..uwase@example.com',
      '.aline@example.com',
      'aline.@example.com',
      `${'a'.repeat(65)}@x.rw`,
    ])
      expect(isEmailAddress(bad), bad).toBe(false);
    expect(isEmailAddress(`${'a'.repeat(64)}@x.rw`)).toBe(true);
    expect(isEmailAddress("o'brien.j+bus@example.co.rw")).toBe(true);
  });
});

describe("people's names", () => {
  it.each([
    ['a Hangul filler', '\u3164'],
    ['Hangul choseong and jungseong fillers', '\u115f\u1160'],
    ['a halfwidth Hangul filler', '\uffa0'],
    ['a name with a Hangul filler in it', 'Aline\u3164Uwase'],
    ['a soft hyphen', 'Aline\u00adUwase'],
    ['a NUL byte', 'Aline\u0000'],
  ])('refuses %s', (_, name) => {
    expect(personNameProblem(name)).toBeDefined();
  });

  it.each([
    'Ali\ufe0fne Uwase',
    'Aline\u180b',
    'Aline\u{e0100}',
    `Aline${'\ufe0f'.repeat(100)}`,
    'Aline ❤\ufe0f\ufe0f',
  ])('refuses variation selectors but one after an emoji: %j', (name) => {
    expect(personNameProblem(name)).toBe('must be one line of visible characters');
  });

  it.each(['Aline Uwase', '김민준', 'नमस्ते', 'Kigali 👨‍👩‍👧', "N'Dri Koné", 'Aline ❤️', 'Jean ✈\ufe0f'])(
    'accepts %j',
    (name) => {
      expect(personNameProblem(name)).toBeUndefined();
    },
  );
});

describe('control characters', () => {
  it('finds C0, DEL and C1 controls, and nothing else', () => {
    for (const bad of ['a\u0000', '\u001b[2J', 'a\nb', 'a\u007f', 'a\u0085'])
      expect(hasControlCharacter(bad)).toBe(true);
    for (const ok of ['Kigali', '1A', 'Zero\u200bwidth', 'Côte']) expect(hasControlCharacter(ok)).toBe(false);
  });

  it('lets free text run over lines, and finds the others', () => {
    for (const bad of ['a\u0000', '\u001b[2J', 'a\u007f', 'a\u0085', 'a\u0007'])
      expect(hasControlCharacterInText(bad)).toBe(true);
    for (const ok of ['Road closed\nat Nyabugogo', 'a\r\nb', 'a\tb', 'Côte'])
      expect(hasControlCharacterInText(ok)).toBe(false);
  });
});
