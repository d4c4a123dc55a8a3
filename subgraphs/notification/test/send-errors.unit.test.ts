import { describe, expect, it } from 'vitest';
import { refusesRecipient } from '../src/channels/smtp';
import { keptError, withoutAddresses } from '../src/services/send-messages';

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

describe('refusesRecipient: which SMTP refusals give an e-mail up at once', () => {
  const rcpt = (response: string) => ({
    code: 'EENVELOPE',
    command: 'RCPT TO',
    responseCode: Number(response.slice(0, 3)),
    response,
  });

  it('takes a 5xx to RCPT TO about the address for the final word: no such mailbox, a bad address', () => {
    expect(refusesRecipient(rcpt('550 5.1.1 <a@example.rw>: Recipient address rejected: User unknown'))).toBe(true);
    expect(refusesRecipient(rcpt('553 5.1.3 Bad recipient address syntax'))).toBe(true);
    expect(
      refusesRecipient(rcpt('550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 x')),
    ).toBe(true);
    // No enhanced code: the recipient's refusal as the server put it.
    expect(refusesRecipient(rcpt('550 No such user here'))).toBe(true);
  });

  it("retries a refusal about the sending account, a policy or the moment, whatever the stage's code", () => {
    const retried = [
      // Sending quota used up, sending paused, sender refused: answers to MAIL FROM.
      {
        code: 'EENVELOPE',
        command: 'MAIL FROM',
        responseCode: 550,
        response: '550 5.4.5 Daily user sending quota exceeded',
      },
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 554, response: '554 Sending paused for this account' },
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553, response: '553 5.1.8 Sender address rejected' },
      // Credentials rotated or wrong.
      {
        code: 'EAUTH',
        command: 'AUTH PLAIN',
        responseCode: 535,
        response: '535 5.7.8 Username and Password not accepted',
      },
      // The message refused after its text.
      { code: 'EMESSAGE', command: 'DATA', responseCode: 554, response: '554 Transaction failed: Sending paused' },
      // Policy, rate and quota answers to RCPT TO, and any 4xx.
      rcpt('550 5.7.1 Relaying denied'),
      rcpt('550 5.4.5 Daily user sending quota exceeded'),
      rcpt('452 4.2.2 Mailbox full'),
      rcpt('450 4.1.1 Recipient address verification in progress'),
      // No answer at all.
      { code: 'ECONNECTION', command: 'CONN' },
      { code: 'ETIMEDOUT' },
    ];
    for (const answer of retried) expect(refusesRecipient(answer), JSON.stringify(answer)).toBe(false);
  });
});

describe('keptError', () => {
  it('masks the code the message carried, cuts the recipient and control characters', () => {
    const error = '{"error":"rejected","to":"+250788123456","message":"Your code is 482913\u0000\u0001"}';
    expect(keptError(error, { address: '+250788123456', code: '482913' })).toBe(
      '{"error":"rejected","to":"[recipient]","message":"Your code is ****** "}',
    );
  });

  it('keeps the digits of a message without a code', () => {
    expect(keptError('timeout after 482913 ms', { address: 'a@example.rw', code: null })).toBe(
      'timeout after 482913 ms',
    );
  });
});
