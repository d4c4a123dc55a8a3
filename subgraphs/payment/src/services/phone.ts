/**
 * Normalises a Rwandan mobile number (MSISDN) to 2507XXXXXXXX, the form MoMo expects.
 * Accepts 07XXXXXXXX, 2507XXXXXXXX and +250 7XX XXX XXX (spaces and dashes ignored);
 * mobile ranges are 072/073 (Airtel) and 078/079 (MTN). Returns null for anything else.
 */
export function normalizeRwandanMsisdn(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  const match = /^(?:\+?250|0)(7[2389]\d{7})$/.exec(compact);
  return match ? `250${match[1]}` : null;
}
