import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createSimulator, type ProviderSimulator } from '@busline/provider-simulator';
import { testLogger } from '@busline/shared/testing';
import { AfricasTalkingSms } from '../src/channels/africastalking';
import { SmtpEmail } from '../src/channels/smtp';
import { smtpRelay } from './helpers';

let simulator: ProviderSimulator;
let sms: AfricasTalkingSms;
beforeAll(async () => {
  simulator = createSimulator({ logger: testLogger('provider-simulator') });
  await simulator.start(0);
  sms = new AfricasTalkingSms({
    baseUrl: simulator.url,
    username: 'simulator',
    apiKey: 'simulator',
    senderId: 'BUSLINE',
    timeoutMs: 2000,
  });
});
afterAll(() => simulator.stop());

describe("Africa's Talking SMS adapter", () => {
  it('sends the text form-encoded with the API key and returns the provider message id', async () => {
    const result = await sms.send({ to: '+250788100001', text: 'Busline: itike yawe yemejwe.' });
    expect(result).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^ATXid_/) });
    const [received] = simulator.messages.smsTo('+250788100001');
    expect(received).toMatchObject({ message: 'Busline: itike yawe yemejwe.', from: 'BUSLINE', username: 'simulator' });
    expect(received!.messageId).toBe((result as { providerMessageId: string }).providerMessageId);
    // What a developer reads from another process: GET /simulator/sms.
    const listed = (await (await fetch(`${simulator.url}/simulator/sms`)).json()) as {
      messages: { to: string; message: string }[];
    };
    expect(listed.messages).toContainEqual(
      expect.objectContaining({ to: '+250788100001', message: 'Busline: itike yawe yemejwe.' }),
    );
  });

  it('reports a server error as worth retrying, and the retry gets through', async () => {
    const first = await sms.send({ to: '+250788105002', text: 'one' });
    expect(first).toMatchObject({ ok: false, permanent: false, error: expect.stringContaining('500') });
    expect(await sms.send({ to: '+250788105002', text: 'two' })).toMatchObject({ ok: false, permanent: false });
    expect(await sms.send({ to: '+250788105002', text: 'three' })).toMatchObject({ ok: true });
    expect(simulator.messages.smsTo('+250788105002').map((m) => m.message)).toEqual(['three']);
  });

  it('reports an invalid number as permanent', async () => {
    expect(await sms.send({ to: '+250788104030', text: 'x' })).toEqual({
      ok: false,
      permanent: true,
      error: 'SMS refused: 403 InvalidPhoneNumber',
    });
    expect(simulator.messages.smsTo('+250788104030')).toEqual([]);
  });

  it('fails, not permanently, with a wrong API key or an unreachable API', async () => {
    const wrongKey = new AfricasTalkingSms({
      baseUrl: simulator.url,
      username: 'simulator',
      apiKey: 'wrong',
      timeoutMs: 2000,
    });
    expect(await wrongKey.send({ to: '+250788100002', text: 'x' })).toMatchObject({
      ok: false,
      permanent: false,
      error: expect.stringContaining('401'),
    });
    const nowhere = new AfricasTalkingSms({
      baseUrl: 'http://127.0.0.1:9',
      username: 'simulator',
      apiKey: 'simulator',
      timeoutMs: 2000,
    });
    expect(await nowhere.send({ to: '+250788100002', text: 'x' })).toMatchObject({
      ok: false,
      permanent: false,
      error: expect.stringContaining('unreachable'),
    });
    expect(simulator.messages.smsTo('+250788100002')).toEqual([]);
  });
});

describe('SMTP e-mail adapter', () => {
  it('delivers the subject and text to the simulator mailbox', async () => {
    const email = new SmtpEmail({ url: simulator.smtpUrl, from: 'Busline <no-reply@busline.test>', timeoutMs: 2000 });
    const result = await email.send({
      to: 'Aline@Example.com',
      subject: 'Itike yawe',
      text: 'Muraho Aline,\n\nBusline: itike yawe yemejwe.',
    });
    expect(result).toMatchObject({ ok: true });
    const [mail] = simulator.messages.mailTo('aline@example.com');
    expect(mail).toMatchObject({ subject: 'Itike yawe', from: 'no-reply@busline.test' });
    expect(mail!.text).toContain('itike yawe yemejwe');
    const listed = (await (await fetch(`${simulator.url}/simulator/mail`)).json()) as {
      messages: { to: string[]; subject: string }[];
    };
    expect(listed.messages).toContainEqual(
      expect.objectContaining({ to: ['aline@example.com'], subject: 'Itike yawe' }),
    );
    await email.close();
  });

  it('gives a send up, not permanently, once its timeout has passed, however the server paces its answers', async () => {
    const server = await smtpRelay(undefined, { delayMs: 600 });
    const email = new SmtpEmail({ url: server.url, from: 'Busline <no-reply@busline.test>', timeoutMs: 1000 });
    const started = Date.now();
    const result = await email.send({ to: 'a@example.com', subject: 's', text: 't' });
    // Each answer in 600 ms (within the timeout), six of them to a message: the send ends at 1 s, unclear.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ ok: false, permanent: false });
    await email.close();
    await server.stop();
    expect(server.delivered()).toBe(0);
  });

  it('gives up for good only a mailbox the relay refuses, and retries a refusal of the sending account', async () => {
    let quotaUsedUp = false;
    const relay = await smtpRelay((verb, line) => {
      if (verb === 'MAIL' && quotaUsedUp) return '550 5.4.5 Daily user sending quota exceeded';
      if (verb === 'RCPT' && line.includes('nobody@')) return '550 5.1.1 <nobody@example.rw>: User unknown';
      if (verb === 'RCPT' && line.includes('strict@')) return '550 5.7.1 <strict@example.rw>: Relay access denied';
      return undefined;
    });
    const email = new SmtpEmail({ url: relay.url, from: 'Busline <no-reply@busline.test>', timeoutMs: 2000 });
    const send = (to: string) => email.send({ to, subject: 's', text: 't' });
    expect(await send('nobody@example.rw')).toMatchObject({
      ok: false,
      permanent: true,
      error: expect.stringContaining('550 5.1.1'),
    });
    // A policy answer, even to the recipient, may pass later (the relay's configuration, a rate).
    expect(await send('strict@example.rw')).toMatchObject({ ok: false, permanent: false });
    quotaUsedUp = true;
    expect(await send('aline@example.rw')).toMatchObject({
      ok: false,
      permanent: false,
      error: expect.stringContaining('550 5.4.5 Daily user sending quota exceeded'),
    });
    quotaUsedUp = false;
    expect(await send('aline@example.rw')).toMatchObject({ ok: true });
    expect(relay.delivered()).toBe(1);
    await email.close();
    await relay.stop();
  });

  it('fails, not permanently, when the server cannot be reached', async () => {
    const email = new SmtpEmail({
      url: 'smtp://127.0.0.1:9',
      from: 'Busline <no-reply@busline.test>',
      timeoutMs: 1000,
    });
    expect(await email.send({ to: 'a@example.com', subject: 's', text: 't' })).toMatchObject({
      ok: false,
      permanent: false,
    });
    await email.close();
  });
});
