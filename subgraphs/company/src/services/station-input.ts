import { badInput, isUniqueViolation } from '@busline/shared';
import type { StationRow } from '../db/schema';
import { nameText } from './validation';

/** What createStation and updateStation share: the station fields as given, their checks, the code's guard. */
export interface StationInput {
  code?: string | null;
  name?: string | null;
  city?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{1,15}$/;

export function checkedStation(input: StationInput): Partial<StationRow> {
  const values: Partial<StationRow> = {};
  if (input.code != null) {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code)) throw badInput('code must be 2–16 letters, digits or dashes, e.g. KGL-NYB', 'code');
    values.code = code;
  }
  if (input.name != null) values.name = nameText(input.name, 'name', 100);
  if (input.city != null) values.city = nameText(input.city, 'city', 100);
  if (input.latitude != null) {
    if (!(input.latitude >= -90 && input.latitude <= 90))
      throw badInput('latitude must be between -90 and 90', 'latitude');
    values.latitude = input.latitude;
  }
  if (input.longitude != null) {
    if (!(input.longitude >= -180 && input.longitude <= 180))
      throw badInput('longitude must be between -180 and 180', 'longitude');
    values.longitude = input.longitude;
  }
  return values;
}

/** Runs `fn`, turning a code race lost at the unique index into the same clear error. */
export async function guardCode<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('Another station already has this code', 'code');
    throw error;
  }
}
