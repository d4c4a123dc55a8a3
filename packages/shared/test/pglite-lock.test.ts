import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/database';

const root = mkdtempSync(join(tmpdir(), 'busline-pglite-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an embedded database folder', () => {
  it('is opened by one process at a time: another running process holding it is refused, naming it', async () => {
    const folder = join(root, 'held');
    // A running process other than this one (what `npm start` is to `npm run seed`).
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${folder}.lock`, String(other.pid));
      await expect(openPglite(folder)).rejects.toThrow(
        `The embedded database in ${folder} is in use by process ${other.pid} (npm start, or a seed?): stop it first`,
      );
      // Refused before anything was opened or written.
      expect(existsSync(folder)).toBe(true);
      expect(readFileSync(`${folder}.lock`, 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Its process gone (it crashed without releasing it), the lock is taken over.
    const handle = await openPglite(folder);
    expect(readFileSync(`${folder}.lock`, 'utf8')).toBe(String(process.pid));
    await handle.close();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it('is not opened twice by one process, and opens again once closed, with what was written', async () => {
    const folder = join(root, 'twice');
    const first = await openPglite(folder);
    await first.db.execute('create table kept (v text)');
    await first.db.execute("insert into kept values ('written')");
    await expect(openPglite(`${folder}/`)).rejects.toThrow(`is in use by process ${process.pid} (this one)`);
    await first.close();
    const again = await openPglite(folder);
    expect(((await again.db.execute('select v from kept')) as { rows: unknown[] }).rows).toEqual([{ v: 'written' }]);
    await again.close();
  });
});
