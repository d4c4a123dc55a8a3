// isUniqueViolation on the errors real Postgres raises through drizzle (which wraps the driver's error).
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, PgCode, postgresErrorCode } from '../src';

const pool = new pg.Pool({
  connectionString: process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  max: 1,
});
const db = drizzle(pool);

async function failureOf(statement: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await db.execute(statement);
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
}

describe('isUniqueViolation', () => {
  beforeAll(async () => {
    await db.execute(
      sql`drop table if exists pg_errors_probe; create table pg_errors_probe (id int constraint pg_errors_probe_key unique, n int not null)`,
    );
    await db.execute(sql`insert into pg_errors_probe values (1, 1)`);
  });
  afterAll(async () => {
    await db.execute(sql`drop table if exists pg_errors_probe`);
    await pool.end();
  });

  it('recognises a unique violation wrapped by drizzle, by constraint name when given', async () => {
    const error = await failureOf(sql`insert into pg_errors_probe values (1, 2)`);
    expect(postgresErrorCode(error)).toBe(PgCode.UNIQUE_VIOLATION);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'pg_errors_probe_key')).toBe(true);
    expect(isUniqueViolation(error, 'another_key')).toBe(false);
  });

  it('does not take another constraint violation for one', async () => {
    const error = await failureOf(sql`insert into pg_errors_probe values (2, null)`);
    expect(postgresErrorCode(error)).toBe('23502');
    expect(isUniqueViolation(error)).toBe(false);
    expect(isUniqueViolation(new Error('duplicate key value violates unique constraint "pg_errors_probe_key"'))).toBe(
      false,
    );
  });
});
