import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors';

const NUL = '\u0000';
/** Deeper variables than any operation of the API nests (input objects in lists in input objects). */
const MAX_DEPTH = 32;

/** Whether a string literal of the document holds NUL; documents are cached by the parser, so is the answer. */
const literalsWithNul = new WeakMap<DocumentNode, boolean>();
function documentHasNul(document: DocumentNode): boolean {
  let found = literalsWithNul.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (!node.value.includes(NUL)) return undefined;
        found = true;
        return BREAK;
      },
    });
    literalsWithNul.set(document, found);
  }
  return found;
}

function valueHasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (valueHasNul(item, depth + 1)) return true;
  return false;
}

const refusal = () => ({
  errors: [
    new GraphQLError('Text must not contain the NUL character (\\u0000)', {
      extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'NUL_CHARACTER' },
    }),
  ],
});

/**
 * Refuses an operation with NUL in any of its text, in a literal or a variable (`BAD_USER_INPUT`, reason
 * `NUL_CHARACTER`), before any resolver runs: Postgres text cannot hold it, so a NUL that reached a statement
 * failed it (INTERNAL_SERVER_ERROR) wherever an argument was not checked on its own (an email, a slug, a key).
 */
export function useNoNulText(): Plugin {
  const refused = (document: DocumentNode, variables: unknown) => documentHasNul(document) || valueHasNul(variables);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (refused(args.document, args.variableValues)) setResultAndStopExecution(refusal());
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      if (refused(args.document, args.variableValues)) setResultAndStopExecution(refusal());
    },
  };
}
