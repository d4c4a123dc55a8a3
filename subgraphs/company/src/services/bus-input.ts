import { badInput, isUniqueViolation } from '@busline/shared';
import type { BusRow } from '../db/schema';
import { normalizeLayout, seatsOf, type DeckLayoutInput } from '../domain/seat-layout';
import { nameText } from './validation';

/** Distinct amenities a bus may list. */
export const MAX_AMENITIES = 20;

/** What createBus and updateBus share: the bus fields as given, their checks, the plate's unique guard. */
export interface BusInput {
  plateNumber?: string | null;
  model?: string | null;
  amenities?: string[] | null;
  seatLayout?: { decks: DeckLayoutInput[] } | null;
}

export function checkedBus(input: BusInput): Partial<BusRow> {
  const values: Partial<BusRow> = {};
  if (input.plateNumber != null) {
    const plate = input.plateNumber.trim().toUpperCase().replace(/\s+/g, ' ');
    if (!/^[A-Z0-9][A-Z0-9 -]{2,14}$/.test(plate))
      throw badInput('plateNumber must be 3–15 letters and digits, e.g. RAD 123 A', 'plateNumber');
    values.plateNumber = plate;
  }
  if (input.model != null) values.model = nameText(input.model, 'model', 100);
  if (input.amenities != null) {
    values.amenities = [...new Set(input.amenities.map((a) => nameText(a, 'amenities', 40)))];
    // Every search that shows the bus carries them, on every trip of it.
    if (values.amenities.length > MAX_AMENITIES)
      throw badInput(`A bus lists at most ${MAX_AMENITIES} amenities`, 'amenities');
  }
  if (input.seatLayout != null) {
    values.seatLayout = normalizeLayout(input.seatLayout.decks);
    values.seatCount = seatsOf(values.seatLayout).length;
  }
  return values;
}

/** Runs `fn`, turning a plate race lost at the unique index into the same clear error. */
export async function guardPlate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('Another bus already has this plate number', 'plateNumber');
    throw error;
  }
}
