import { describe, expect, it } from 'vitest';
import { isEmailAddress, looksLikeLink, nameProblem } from '../src/text';

describe('names texts and e-mails carry', () => {
  it.each([
    'Gisenyi\n\nBusline: confirm your PIN',
    'Gisenyi\u202e',
    'Huye\tPark',
    'Zero\u200bwidth',
    'Gisenyi https://evil.example/r',
    'www.busline-refunds.com',
    'Book at volcano-deals.rw',
    'bit.do/x',
    't.co/abc',
  ])('refuses %j', (name) => {
    expect(nameProblem(name)).toBeDefined();
  });

  it.each([
    'Rubavu (Gisenyi) Bus Park',
    'Nyabugogo',
    'St.Mary Coaches',
    'Kigali 👨‍👩‍👧 Tours',
    'Kigali → Huye',
    "Côte d'Ivoire",
  ])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
    expect(looksLikeLink(name)).toBe(false);
  });
});

describe('e-mail addresses', () => {
  it('accepts what a browser accepts, and refuses display names, lists and spaces', () => {
    for (const ok of ['aline@busline.rw', 'a.b+tag@mail.example.co.rw', "o'neil@x.ke"])
      expect(isEmailAddress(ok)).toBe(true);
    for (const bad of ['0<victim@example.com>', 'a@b', 'a b@c.rw', 'two@x.rw,three@x.rw', '"q"@x.rw', 'a@-x.rw'])
      expect(isEmailAddress(bad)).toBe(false);
  });
});
