// Composition: supergraph.yaml read and its subgraphs composed into the supergraph and the client-facing API schema.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';

type CompositionHint = NonNullable<ReturnType<typeof composeServices>['hints']>[number];
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** One subgraph as supergraph.yaml (rover's format) declares it. */
export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

export interface SupergraphConfig {
  federationVersion: string;
  subgraphs: SubgraphDefinition[];
}

/** Reads supergraph.yaml and the schema files it points at (paths relative to the yaml file). */
export function readSupergraphConfig(path: string): SupergraphConfig {
  const raw = parseYaml(readFileSync(path, 'utf8')) as {
    federation_version?: string;
    subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
  };
  if (!raw?.subgraphs || Object.keys(raw.subgraphs).length === 0) throw new Error(`${path}: no subgraphs declared`);
  const base = dirname(resolve(path));
  const subgraphs = Object.entries(raw.subgraphs).map(([name, entry]) => {
    if (!entry.routing_url) throw new Error(`${path}: subgraph ${name} has no routing_url`);
    if (!entry.schema?.file) throw new Error(`${path}: subgraph ${name} has no schema.file`);
    return { name, url: entry.routing_url, sdl: readFileSync(resolve(base, entry.schema.file), 'utf8') };
  });
  return { federationVersion: raw.federation_version ?? '=2.7.0', subgraphs };
}

export interface Composition {
  supergraphSdl: string;
  hints: CompositionHint[];
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly Error[]) {
    super(`Supergraph composition failed:\n  - ${errors.map((e) => e.message).join('\n  - ')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Composes the subgraphs into a supergraph with @apollo/composition (what rover does, in Node).
 * Routing URLs can be overridden per subgraph (deployment URLs differ from supergraph.yaml's).
 */
export function composeSupergraph(subgraphs: SubgraphDefinition[], urls: Record<string, string> = {}): Composition {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: urls[s.name] ?? s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) throw new CompositionError(result.errors);
  return { supergraphSdl: result.supergraphSdl, hints: result.hints };
}

/**
 * Hints reviewed and accepted, by code and a substring of the message. A new hint fails the
 * composition test until someone reads it and either fixes the schema or accepts it here.
 */
export const ACCEPTED_HINTS: { code: string; message: string; why: string }[] = [
  {
    code: 'INCONSISTENT_DESCRIPTION',
    message: '',
    why:
      'An entity is described by each subgraph from its own angle (auth owns User, user adds the ' +
      "profile); the owner's description wins, which is what we want.",
  },
];

export function unacceptedHints(hints: CompositionHint[]): CompositionHint[] {
  return hints.filter(
    (hint) => !ACCEPTED_HINTS.some((a) => a.code === hint.definition.code && hint.message.includes(a.message)),
  );
}
