/**
 * Composes supergraph.yaml into supergraph.graphql (npm run compose). Fails on composition errors
 * and prints hints; the router test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, readSupergraphConfig, unacceptedHints } from '../router/src/compose';

const root = fileURLToPath(new URL('..', import.meta.url));
const { subgraphs } = readSupergraphConfig(`${root}supergraph.yaml`);
const { supergraphSdl, hints } = composeSupergraph(subgraphs);
for (const hint of hints) console.warn(`hint ${hint.definition.code}: ${hint.message}`);
writeFileSync(`${root}supergraph.graphql`, supergraphSdl);
const open = unacceptedHints(hints);
console.log(`supergraph.graphql written from ${subgraphs.length} subgraphs (${hints.length} hints, ${open.length} not accepted)`);
