import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, processIdentity } from '../src/db/database';

const root = mkdtempSync(join(tmpdir(), 'busline-pglite-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Each opening of an embedded database takes seconds on a busy machine.
describe('an embedded database folder', { timeout: 90_000 }, () => {
  it('is opened by one process at a time: another running process holding it is refused, naming it', async () => {
    const folder = join(root, 'held');
    // A running process other than this one (what `npm start` is to `npm run seed`).
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(`${folder}.lock`, String(other.pid));
      await expect(openPglite(folder)).rejects.toThrow(
        `The embedded database in ${folder} is in use by process ${other.pid} (npm start, or a seed?): stop it first`,
      );
      // Refused before the database was opened: the lock is the other process's still.
      expect(existsSync(folder)).toBe(true);
      expect(readFileSync(`${folder}.lock`, 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Its process gone (it crashed without releasing it), the lock is taken over.
    const handle = await openPglite(folder);
    expect(JSON.parse(readFileSync(`${folder}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    await handle.close();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it("is taken over from a process its pid no longer names: this one's former self, or another's", async () => {
    // A process that crashed holding it, restarted with the same pid (a container's process 1, say).
    const mine = join(root, 'former-self');
    writeFileSync(`${mine}.lock`, JSON.stringify({ pid: process.pid, identity: processIdentity(process.pid) }));
    await (await openPglite(mine)).close();
    expect(existsSync(`${mine}.lock`)).toBe(false);
    const other = spawn('sleep', ['30']);
    try {
      const folder = join(root, 'reused-pid');
      const identity = processIdentity(other.pid!);
      // The process running under that pid now is the one that wrote it: refused.
      writeFileSync(`${folder}.lock`, JSON.stringify({ pid: other.pid, identity }));
      await expect(openPglite(folder)).rejects.toThrow(`is in use by process ${other.pid}`);
      // Written by an earlier process that had that pid (where the system tells processes apart): taken over.
      if (identity !== undefined) {
        writeFileSync(`${folder}.lock`, JSON.stringify({ pid: other.pid, identity: `${identity}-earlier` }));
        await (await openPglite(folder)).close();
      }
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
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
