import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, readSupergraphConfig, unacceptedHints } from '../src/compose';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('supergraph composition', () => {
  const { subgraphs } = readSupergraphConfig(`${root}supergraph.yaml`);

  it('declares the six subgraphs on their ports', () => {
    expect(subgraphs.map((s) => [s.name, new URL(s.url).port])).toEqual([
      ['auth', '8001'],
      ['user', '8002'],
      ['company', '8003'],
      ['ticketing', '8004'],
      ['qr', '8005'],
      ['payment', '8006'],
    ]);
  });

  it('composes without errors and without hints nobody accepted', () => {
    const { hints } = composeSupergraph(subgraphs);
    expect(unacceptedHints(hints).map((h) => `${h.definition.code}: ${h.message}`)).toEqual([]);
  });

  it('matches the committed supergraph.graphql (run `npm run compose` after changing a subgraph schema)', () => {
    const { supergraphSdl } = composeSupergraph(subgraphs);
    expect(readFileSync(`${root}supergraph.graphql`, 'utf8')).toBe(supergraphSdl);
  });
});
