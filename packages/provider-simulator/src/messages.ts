/** Text messages and e-mails the simulator accepted, as a person looking at a phone or a mailbox would see them. */

/**
 * What an SMS recipient's number makes the SMS API do, by its last four digits:
 * 5002 the first two sends are answered 500 (a retry gets through) · 4030 every send is refused as
 * InvalidPhoneNumber (403, permanent) · 5050 every send is answered 500 · anything else is delivered.
 */
export interface SmsPlan {
  failFirst: number;
  failAlways: boolean;
  invalidNumber: boolean;
}

export function smsPlanFor(number: string): SmsPlan {
  const plan: SmsPlan = { failFirst: 0, failAlways: false, invalidNumber: false };
  if (number.endsWith('5002')) return { ...plan, failFirst: 2 };
  if (number.endsWith('4030')) return { ...plan, invalidNumber: true };
  if (number.endsWith('5050')) return { ...plan, failAlways: true };
  return plan;
}

export interface SimulatedSms {
  messageId: string;
  to: string;
  from: string | null;
  message: string;
  username: string;
  receivedAt: string;
}

export interface SimulatedMail {
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
}

/** Messages delivered, newest last, and send attempts per number (for the failure plans). */
export class MessageLog {
  readonly sms: SimulatedSms[] = [];
  readonly mail: SimulatedMail[] = [];
  readonly smsAttempts = new Map<string, number>();

  /** Counts an attempt to `number` and returns how many there were, this one included. */
  attempt(number: string): number {
    const n = (this.smsAttempts.get(number) ?? 0) + 1;
    this.smsAttempts.set(number, n);
    return n;
  }

  smsTo(number: string): SimulatedSms[] {
    return this.sms.filter((m) => m.to === number);
  }

  mailTo(address: string): SimulatedMail[] {
    return this.mail.filter((m) => m.to.includes(address.toLowerCase()));
  }
}
