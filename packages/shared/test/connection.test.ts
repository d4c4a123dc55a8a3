import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageRequest, toConnection } from '../src/graphql/connection';

describe('Relay connections', () => {
  it('round-trips keyset cursors', () => {
    expect(decodeCursor(encodeCursor(['2026-12-01T07:00:00.000Z', 'abc']))).toEqual([
      '2026-12-01T07:00:00.000Z',
      'abc',
    ]);
  });

  it('refuses a forged cursor with BAD_USER_INPUT', () => {
    expect(() => decodeCursor('not-base64-json')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('refuses a well-formed cursor whose values are not what the list encodes', () => {
    const id = '0b8a5a3e-2f4e-4c1a-9a57-1f7e3c6d2b10';
    const at = '2026-12-01T08:00:00.000Z';
    const options = { cursor: ['time', 'uuid'] as const };
    expect(pageRequest({ after: encodeCursor([at, id]) }, options).after).toEqual([at, id]);
    for (const forged of [
      [at],
      [at, id, 1],
      [id, at],
      ['not a time', id],
      [at, "x' or 1=1 --"],
      [at, null],
      [{}, id],
      // Times Date.parse takes but Postgres does not: a bare year, past 9999, year 0, a day February lacks.
      ['99999', id],
      ['+275760-09-13T00:00:00.000Z', id],
      ['0000-06-01T00:00:00.000Z', id],
      ['2026-02-30T00:00:00.000Z', id],
    ]) {
      expect(() => pageRequest({ after: encodeCursor(forged) }, options), JSON.stringify(forged)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      );
    }
    expect(pageRequest({ after: encodeCursor(['Kigali', 3]) }, { cursor: ['text', 'number'] }).after).toEqual([
      'Kigali',
      3,
    ]);
    expect(() => pageRequest({ after: encodeCursor(['Kigali', '3']) }, { cursor: ['text', 'number'] })).toThrow(
      'Invalid cursor',
    );
    expect(() => pageRequest({ after: encodeCursor(['Kig\u0000ali', 3]) }, { cursor: ['text', 'number'] })).toThrow(
      'Invalid cursor',
    );
  });

  it('refuses page sizes out of range', () => {
    expect(() => pageRequest({ first: -1 })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => pageRequest({ first: 101 })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(pageRequest({})).toEqual({ limit: 20, after: null });
  });

  it('tells from the extra row whether another page follows', () => {
    const page = pageRequest({ first: 2 });
    const connection = toConnection([{ id: 'a' }, { id: 'b' }, { id: 'c' }], page, (row) => [row.id]);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      endCursor: encodeCursor(['b']),
    });
    const last = toConnection([{ id: 'c' }], pageRequest({ first: 2, after: encodeCursor(['b']) }), (row) => [row.id]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('keeps the cursor of a page without edges, so that the next page follows it', () => {
    const rows = [{ id: 'c' }];
    const empty = toConnection(rows, pageRequest({ first: 0, after: encodeCursor(['b']) }), (row) => [row.id]);
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo).toMatchObject({ hasNextPage: true, endCursor: encodeCursor(['b']) });
    const first = toConnection(rows, pageRequest({ first: 0 }), (row) => [row.id]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: null });
  });
});
