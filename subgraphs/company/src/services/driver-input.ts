import { badInput, hasControlCharacter, isUniqueViolation, isUuid } from '@busline/shared';
import type { DriverRow } from '../db/schema';
import { nameText, phone, requiredText } from './validation';

/** What createDriver and updateDriver share: the driver fields as given, their checks, the licence's guard. */
export interface DriverInput {
  name?: string | null;
  phone?: string | null;
  licenceNumber?: string | null;
  userId?: string | null;
}

export function checkedDriver(input: DriverInput): Partial<DriverRow> {
  const values: Partial<DriverRow> = {};
  if (input.name != null) values.name = nameText(input.name, 'name', 100);
  if (input.phone != null) values.phone = phone(input.phone, 'phone') ?? requiredText(null, 'phone');
  if (input.licenceNumber != null) {
    const licence = requiredText(input.licenceNumber, 'licenceNumber', 40);
    if (hasControlCharacter(licence))
      throw badInput('licenceNumber must not contain control characters', 'licenceNumber');
    values.licenceNumber = licence.toUpperCase();
  }
  if (input.userId !== undefined) {
    if (input.userId !== null && !isUuid(input.userId)) throw badInput('userId must be a user id', 'userId');
    values.userId = input.userId;
  }
  return values;
}

/** Runs `fn`, turning a licence race lost at the unique index into the same clear error. */
export async function guardLicence<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error))
      throw badInput('This company already has a driver with this licence number', 'licenceNumber');
    throw error;
  }
}
