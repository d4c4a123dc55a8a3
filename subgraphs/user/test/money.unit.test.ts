import { describe, expect, it } from 'vitest';
import { AppError } from '@busline/shared';
import { money } from '../src/services/read-dashboards';

describe('dashboard money', () => {
  it('answers a sum Money.amount holds, and refuses one past it with what to do instead of an unexpected error', () => {
    expect(money(2_147_483_647, 'KES')).toEqual({ amount: 2_147_483_647, currency: 'KES' });
    expect(money(-5000, 'RWF')).toEqual({ amount: -5000, currency: 'RWF' });
    const refusal = (() => {
      try {
        money(2_400_000_000, 'KES');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/shorter window/) });
  });
});
