import { randomUUID } from 'node:crypto';
import { header, type RouteDef, type SimResponse } from './http';
import { smsPlanFor, type MessageLog } from './messages';

/** Africa's Talking recipient status codes the simulator answers with. */
const SENT = { statusCode: 101, status: 'Success' };
const INVALID_NUMBER = { statusCode: 403, status: 'InvalidPhoneNumber' };

const refusal = (status: number, message: string): SimResponse => ({
  status,
  body: { SMSMessageData: { Message: message, Recipients: [] } },
});

/**
 * Africa's Talking's bulk SMS API (POST /version1/messaging, form-encoded, `apiKey` header) as the
 * notification adapter calls it, and GET /simulator/sms to read what was delivered.
 */
export function smsRoutes(deps: { log: MessageLog; username: string; apiKey: string }): RouteDef[] {
  const { log } = deps;
  return [
    {
      method: 'POST',
      pattern: /^\/version1\/messaging$/,
      handler: (request) => {
        if (header(request, 'apikey') !== deps.apiKey)
          return { status: 401, body: 'The supplied authentication is invalid' };
        const body = (request.body ?? {}) as Record<string, string>;
        if (request.invalidBody || body.username !== deps.username)
          return refusal(401, 'The supplied authentication is invalid');
        if (!body.to || !body.message) return refusal(400, 'Missing to or message');
        const recipients = body.to
          .split(',')
          .map((to) => to.trim())
          .filter(Boolean);
        const results = [];
        for (const to of recipients) {
          const plan = smsPlanFor(to);
          const attempt = log.attempt(to);
          if (plan.failAlways || attempt <= plan.failFirst) return { status: 500, body: 'Internal Server Error' };
          if (plan.invalidNumber || !/^\+\d{8,15}$/.test(to)) {
            results.push({ ...INVALID_NUMBER, number: to, cost: '0', messageId: 'None' });
            continue;
          }
          const messageId = `ATXid_${randomUUID().replaceAll('-', '')}`;
          log.sms.push({
            messageId,
            to,
            from: body.from ?? null,
            message: body.message,
            username: body.username,
            receivedAt: new Date().toISOString(),
          });
          results.push({ ...SENT, number: to, cost: 'RWF 20.0000', messageId });
        }
        const sent = results.filter((r) => r.statusCode === SENT.statusCode).length;
        return {
          status: 201,
          body: {
            SMSMessageData: {
              Message: `Sent to ${sent}/${recipients.length} Total Cost: RWF ${20 * sent}`,
              Recipients: results,
            },
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/simulator\/sms$/,
      handler: () => ({ status: 200, body: { messages: log.sms } }),
    },
    {
      method: 'GET',
      pattern: /^\/simulator\/mail$/,
      handler: () => ({ status: 200, body: { messages: log.mail } }),
    },
  ];
}
