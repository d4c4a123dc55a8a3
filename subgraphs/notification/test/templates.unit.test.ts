import { describe, expect, it } from 'vitest';
import { CATALOG, LANGUAGES } from '../src/i18n/catalog';
import { isGsm7, smsParts, toGsm7 } from '../src/i18n/gsm7';
import { formatMoney, languageOf, oneLine, renderCode, renderMessage, type MessageFacts } from '../src/i18n/render';

const facts: MessageFacts = {
  name: 'Aline',
  company: 'Volcano Coaches',
  origin: 'Kigali',
  destination: 'Musanze',
  // 07:00 in Kigali (UTC+2).
  departureAt: new Date('2030-01-15T05:00:00Z'),
  previousDepartureAt: new Date('2030-01-15T04:00:00Z'),
  seats: ['12C'],
  ref: 'AB12CD34',
  link: 'https://busline.test/bookings/ab12cd34',
  money: { amount: 5000, currency: 'RWF' },
  expiresAt: new Date('2030-01-14T10:30:00Z'),
};

describe('message templates', () => {
  it('have every kind in every language, and each compiles and fills in every argument', () => {
    for (const language of LANGUAGES) {
      for (const kind of Object.keys(CATALOG.en) as (keyof typeof CATALOG.en)[]) {
        expect(CATALOG[language][kind], `${language} ${kind}`).toBeDefined();
        const message =
          kind === 'CLAIM_CODE' || kind === 'PASSWORD_RESET'
            ? renderCode(kind, language, { code: '482913', expiresAt: new Date(Date.now() + 600_000) })
            : renderMessage(kind, language, facts, 'Africa/Kigali');
        expect(message.language).toBe(language);
        for (const text of [message.sms, message.subject, message.emailText])
          expect(text, `${language} ${kind}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('writes a claim code with the minutes it stays valid, rounded up, in the language asked', () => {
    const now = new Date('2030-01-14T10:00:00Z');
    const expiresAt = new Date('2030-01-14T10:09:30Z');
    expect(renderCode('CLAIM_CODE', 'rw', { code: '004521', expiresAt }, now).sms).toBe(
      'Busline: 004521 ni kode yo gushyira kuri konti yawe amatike waguriye ku biro. Imara iminota 10. Ntuyihe undi muntu.',
    );
    expect(renderCode('CLAIM_CODE', 'fr-RW', { code: '004521', expiresAt }, now)).toMatchObject({ language: 'fr' });
    expect(renderCode('CLAIM_CODE', 'xx', { code: '004521', expiresAt: now }, now).sms).toContain('Valid 1 min.');
  });

  it('writes a password reset code for the e-mail, with its minutes, in the language asked', () => {
    const now = new Date('2030-01-14T10:00:00Z');
    const expiresAt = new Date('2030-01-14T10:15:00Z');
    const message = renderCode('PASSWORD_RESET', 'sw', { code: '00452107', expiresAt }, now);
    expect(message.subject).toBe('Nambari yako ya nenosiri ya Busline: 00452107');
    expect(message.emailText).toMatch(
      /^Habari,\n\nBusline: 00452107 ni nambari yako ya kuweka nenosiri jipya\. Inatumika dakika 15\./,
    );
    expect(renderCode('PASSWORD_RESET', 'en', { code: '00452107', expiresAt }, now).sms).toContain(
      'If you did not ask for it, ignore this message.',
    );
  });

  it('writes the booking confirmation in Kinyarwanda with the seat, trip, Kigali time, reference and pass link', () => {
    const { sms, subject, emailText } = renderMessage('BOOKING_CONFIRMED', 'rw', facts, 'Africa/Kigali');
    expect(sms).toContain('itike yawe ya Volcano Coaches yemejwe');
    expect(sms).toContain('Kigali - Musanze');
    expect(sms).toContain('Intebe 12C');
    expect(sms).toContain('07:00');
    expect(sms).toContain('Nomero AB12CD34');
    expect(sms).toContain('https://busline.test/bookings/ab12cd34');
    expect(subject).toMatch(/^Itike yawe Kigali → Musanze/);
    expect(emailText).toMatch(/^Muraho Aline,/);
    // The e-mail keeps the text as written; the SMS is in the GSM alphabet.
    expect(emailText).toContain('Kigali → Musanze');
  });

  it('writes in Swahili, French and English, with plurals and money per locale', () => {
    const two = { ...facts, seats: ['12C', '12D'], money: { amount: 10_000, currency: 'RWF' } };
    expect(renderMessage('BOOKING_CONFIRMED', 'sw', facts, 'Africa/Kigali').sms).toContain('Kiti 12C');
    expect(renderMessage('BOOKING_CONFIRMED', 'sw', two, 'Africa/Kigali').sms).toContain('Viti 12C, 12D');
    expect(renderMessage('BOOKING_CONFIRMED', 'fr', two, 'Africa/Kigali').sms).toContain('Sièges 12C, 12D');
    expect(renderMessage('HOLD_EXPIRING', 'fr', two, 'Africa/Kigali').sms).toContain(
      "sont réservés jusqu'à 12:30. Payez 10 000 RWF",
    );
    expect(renderMessage('HOLD_EXPIRING', 'fr', two, 'Africa/Kigali').emailText).toMatch(
      /sont réservés jusqu’à 12:30\. Payez 10\s000\sRWF/,
    );
    expect(renderMessage('HOLD_EXPIRING', 'en', facts, 'Africa/Kigali').sms).toMatch(
      /is held until 12:30\sPM\. Pay RWF\s5,000/,
    );
    expect(renderMessage('TRIP_DELAYED', 'en', facts, 'Africa/Kigali').sms).toMatch(
      /now leaves Jan 15, 2030, 7:00\sAM instead of Jan 15, 2030, 6:00\sAM/,
    );
    expect(renderMessage('REFUND_SENT', 'sw', facts, 'Africa/Kigali').sms).toMatch(/umerejeshewa RWF\s5,000/);
    expect(formatMoney('rw', { amount: 5000, currency: 'RWF' })).toMatch(/5\.000/);
    expect(formatMoney('en', { amount: 12_345, currency: 'KES' })).toMatch(/^KES\s123\.45$/);
  });

  it('writes every SMS in the GSM alphabet, in as few parts as the English ticket needs', () => {
    for (const language of LANGUAGES) {
      for (const kind of Object.keys(CATALOG.en) as (keyof typeof CATALOG.en)[]) {
        const { sms } =
          kind === 'CLAIM_CODE' || kind === 'PASSWORD_RESET'
            ? renderCode(kind, language, { code: '482913', expiresAt: new Date(Date.now() + 600_000) })
            : renderMessage(kind, language, { ...facts, company: 'Côte d’Ivoire Express' }, 'Africa/Kigali');
        expect(isGsm7(sms), `${language} ${kind}: ${sms}`).toBe(true);
      }
    }
    // 152 characters: one part of GSM text (three of UCS-2, 70 characters a part).
    expect(renderMessage('BOOKING_CONFIRMED', 'en', facts, 'Africa/Kigali').sms).toHaveLength(152);
    expect(smsParts(renderMessage('BOOKING_CONFIRMED', 'en', facts, 'Africa/Kigali').sms)).toBe(1);
    expect(smsParts(renderMessage('TRIP_DELAYED', 'en', facts, 'Africa/Kigali').sms)).toBe(1);
  });

  it('writes what the alphabet lacks with what it has, keeping the letters it has', () => {
    expect(toGsm7('Kigali → Gisenyi – l’hôtel « Forêt » … 10\u202f000\u00a0RWF')).toBe(
      'Kigali - Gisenyi - l\'hotel " Foret " ... 10 000 RWF',
    );
    expect(toGsm7('Café Ñandú Zürich Ørsted')).toBe('Café Ñandu Zürich Ørsted');
    // A character without a counterpart: the text stays as written (UCS-2), not question marks.
    expect(toGsm7('Алексей → Kigali')).toBe('Алексей → Kigali');
    expect(toGsm7('Kigali 🚌')).toBe('Kigali 🚌');
  });

  it('keeps names on one line, short, and a link out of the greeting', () => {
    const hostile = {
      ...facts,
      name: 'your account is locked. Unlock it at https://busline-secure.example/unlock',
      destination: 'Gisenyi\n\nBusline: your refund is waiting, confirm your PIN\u202e at the link',
      company: 'V'.repeat(150),
    };
    const { sms, emailText } = renderMessage('BOOKING_CONFIRMED', 'en', hostile, 'Africa/Kigali');
    expect(sms).not.toContain('\n');
    expect(sms).toContain('Kigali - Gisenyi Busline: your refund is waiting, confirm your PIN a..., Jan 15');
    expect(sms).toContain(`${'V'.repeat(59)}...`);
    expect(emailText).toMatch(/^Hello,\n/);
    expect(emailText).not.toContain('busline-secure');
    expect(
      renderMessage('BOOKING_CONFIRMED', 'en', { ...facts, name: '  Aline\tUwase ' }, 'Africa/Kigali').emailText,
    ).toMatch(/^Hello Aline Uwase,/);
  });

  it('cuts a long name between characters as drawn, and keeps the joiners names need', () => {
    // Cut by UTF-16 unit, half an emoji showed as U+FFFD; the joiners became spaces, splitting emoji joined by U+200D
    // and Persian words.
    const cut = oneLine(`${'a'.repeat(58)}🚌🚌`, 60);
    expect(cut).toBe(`${'a'.repeat(58)}…`);
    expect(oneLine(`${'a'.repeat(57)}👩🏽\u200d🦱 Uwase`, 60)).toBe(`${'a'.repeat(57)}…`);
    expect(oneLine('Aline 👩🏽\u200d🦱 Uwase')).toBe('Aline 👩🏽\u200d🦱 Uwase');
    expect(oneLine('می\u200cخواهم')).toBe('می\u200cخواهم');
    expect(oneLine('Aline\u200b\u202eUwase')).toBe('Aline Uwase');
  });

  it('writes dates in the configured time zone', () => {
    expect(renderMessage('BOOKING_CONFIRMED', 'en', facts, 'Africa/Nairobi').sms).toMatch(/8:00\sAM/);
  });

  it('greets without a name when none is known', () => {
    expect(renderMessage('REFUND_SENT', 'fr', { ...facts, name: null }, 'Africa/Kigali').emailText).toMatch(
      /^Bonjour,\n/,
    );
  });

  it('reads BCP 47 tags and falls back to English for languages it does not write', () => {
    expect(languageOf('rw-RW')).toBe('rw');
    expect(languageOf('kin')).toBe('rw');
    expect(languageOf('fr_CA')).toBe('fr');
    expect(languageOf('SW')).toBe('sw');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(null)).toBe('en');
    expect(renderMessage('TRIP_CANCELLED', 'lg', facts, 'Africa/Kigali').language).toBe('en');
  });
});
