import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeApiSchema } from '../../scripts/compose';
import { composeSupergraph, readSupergraphConfig, unacceptedHints } from '../src/compose';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('supergraph composition', () => {
  const { subgraphs } = readSupergraphConfig(`${root}supergraph.yaml`);

  it('declares the seven subgraphs on their ports', () => {
    expect(subgraphs.map((s) => [s.name, new URL(s.url).port])).toEqual([
      ['auth', '8001'],
      ['user', '8002'],
      ['company', '8003'],
      ['ticketing', '8004'],
      ['qr', '8005'],
      ['payment', '8006'],
      ['notification', '8007'],
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

  it('matches the committed schema.graphql, the API schema clients see (`npm run compose` after changes)', () => {
    expect(readFileSync(`${root}schema.graphql`, 'utf8')).toBe(composeApiSchema(subgraphs));
  });

  it('publishes in schema.graphql a schema clients can build, with descriptions and without federation', () => {
    const sdl = readFileSync(`${root}schema.graphql`, 'utf8');
    const schema = buildSchema(sdl);
    expect(schema.getQueryType()?.getFields()).toHaveProperty('searchTrips');
    expect(schema.getMutationType()?.getFields()).toHaveProperty('startPayment');
    expect(Object.keys(schema.getSubscriptionType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['bookingStatusChanged', 'tripSeatsChanged', 'paymentStatusChanged']),
    );
    expect(schema.getType('Booking')?.description).toBeTruthy();
    for (const name of ['_Entity', '_Service', '_Any', 'join__Graph', 'link__Purpose', 'FieldSet'])
      expect(schema.getType(name), name).toBeUndefined();
    expect(schema.getQueryType()?.getFields()).not.toHaveProperty('_entities');
    expect(sdl).not.toMatch(/@(key|external|requires|provides|shareable|inaccessible|override|tag|link|join__\w+)\b/);
  });
});
