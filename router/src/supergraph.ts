// Which supergraph to serve: a composed file, or supergraph.yaml composed at start.
import { readFileSync } from 'node:fs';
import type { Logger } from '@busline/shared';
import { composeSupergraph, readSupergraphConfig, unacceptedHints } from './compose';

/** The supergraph SDL to serve: a file composed ahead of time, or supergraph.yaml composed now. */
export function loadSupergraphSdl(options: { supergraphPath?: string; configPath: string; logger: Logger }): string {
  if (options.supergraphPath) return readFileSync(options.supergraphPath, 'utf8');
  const { subgraphs } = readSupergraphConfig(options.configPath);
  const { supergraphSdl, hints } = composeSupergraph(subgraphs);
  for (const hint of unacceptedHints(hints)) options.logger.warn({ code: hint.definition.code }, hint.message);
  return supergraphSdl;
}
