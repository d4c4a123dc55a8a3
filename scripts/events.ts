/**
 * `npm run events -- dead-letters <list|show|replay|discard> [--group g] [--id id]`: what the
 * consumers of services mode gave up on, and what to do with it. See docs/events.md.
 */
import { runEventsCli } from './lib/dead-letters';

const code = await runEventsCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exit(code);
