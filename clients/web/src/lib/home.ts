import type { Role } from '../gql/graphql';

/** Each role's landing page after sign-in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'DRIVER':
      return '/driver';
    case 'COUNTER_AGENT':
      return '/counter';
    case 'COMPANY_ADMIN':
    case 'PLATFORM_ADMIN':
      return '/company';
    default:
      return '/';
  }
}
