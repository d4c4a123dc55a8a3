import { canActForCompany, type Viewer } from '@busline/shared';

/** Owner, or staff (admin, driver) of the company running the trip, or a platform admin. */
export function canSeeBooking(viewer: Viewer | null, booking: { userId: string; companyId: string }): boolean {
  if (!viewer) return false;
  return booking.userId === viewer.userId || canActForCompany(viewer, booking.companyId, 'COMPANY_ADMIN', 'DRIVER');
}
