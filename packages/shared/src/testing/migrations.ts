// Databases as an earlier version left them, for tests of the migrations that upgrade them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationTarget } from '../db/migrate';

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}

/** A migration as it was released once, in place of today's of the same index. */
export interface ReleasedMigration {
  tag: string;
  /** Its journal time, as released. */
  when: number;
  sql: string;
}

/**
 * A copy of `target`'s migrations with the journal entries before index `before` only (the database as the version
 * without migration `before` left it), and `released` added after them. `cleanup` removes the copy.
 */
export function migrationsBefore(
  target: MigrationTarget,
  before: number,
  released: ReleasedMigration[] = [],
): MigrationTarget & { cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `${target.schema}-migrations-`));
  const folder = join(dir, target.schema);
  cpSync(target.folder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: JournalEntry[] };
  journal.entries = journal.entries.filter((entry) => entry.idx < before);
  for (const migration of released) {
    journal.entries.push({
      idx: journal.entries.length,
      version: '7',
      when: migration.when,
      tag: migration.tag,
      breakpoints: true,
    });
    writeFileSync(join(folder, `${migration.tag}.sql`), migration.sql);
  }
  writeFileSync(journalPath, JSON.stringify(journal));
  return { schema: target.schema, folder, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
