import { json, z, type Route } from '@busline/shared';
import { checkAirtelCallbackHash, rawJsonMember } from '../provider/airtel-money';
import { hintedCallback, type CallbackHintDeps } from './hint';

const callbackSchema = z.object({
  transaction: z.looseObject({
    id: z.string().min(1).max(200),
    message: z.string().max(1000).optional(),
    status_code: z.string().max(16),
    airtel_money_id: z.string().max(200).optional(),
  }),
  hash: z.string().max(200).optional(),
});

const KNOWN_CODES = new Set(['TS', 'TF', 'TE', 'TIP', 'TA']);

/**
 * POST /webhooks/airtel: Airtel Money's callback (its URL is registered in Airtel's portal). With
 * AIRTEL_MONEY_CALLBACK_SECRET set, a callback without its valid `hash` is refused. Either way it is a
 * hint: the payment's status is read back from Airtel, which alone settles it.
 */
export function airtelWebhookRoute(deps: CallbackHintDeps & { callbackSecret?: string }): Route {
  return {
    method: 'POST',
    path: '/webhooks/airtel',
    maxBodyBytes: 16_384,
    handler: async (request) => {
      const rawBody = await request.text();
      let callback: z.infer<typeof callbackSchema>;
      try {
        callback = callbackSchema.parse(JSON.parse(rawBody));
      } catch {
        return json({ error: 'malformed callback' }, 400);
      }
      // Checked over the transaction as sent (its bytes and key order), not over the parsed copy.
      if (deps.callbackSecret && !checkAirtelCallbackHash(deps.callbackSecret, rawBody, callback.hash)) {
        deps.logger.warn(
          { transactionId: callback.transaction.id.slice(0, 64) },
          'Airtel callback with a missing or wrong hash refused',
        );
        return json({ error: 'invalid hash' }, 401);
      }
      // What the hash covers is the first `transaction` member; JSON.parse keeps the last of repeated keys, so a body
      // repeating it could pass the check with another payment's reference. Act on the member that was signed.
      const signed = rawJsonMember(rawBody, 'transaction');
      const transaction =
        signed === undefined ? undefined : callbackSchema.shape.transaction.safeParse(JSON.parse(signed));
      if (!transaction?.success || transaction.data.id !== callback.transaction.id)
        return json({ error: 'malformed callback' }, 400);
      const { id, status_code } = transaction.data;
      // One delivery per payment and status: a sender varying the code cannot make us read the status more.
      const code = KNOWN_CODES.has(status_code) ? status_code : 'OTHER';
      return hintedCallback(deps, {
        provider: 'airtel-money',
        reference: id,
        eventId: `airtel:${id}:${code}`,
        status: code,
      });
    },
  };
}
