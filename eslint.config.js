// ESLint: typescript-eslint's recommended rules plus the import boundaries of docs/architecture.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['auth', 'user', 'company', 'ticketing', 'qr', 'payment', 'notification'];

/**
 * Who may import what (import-x/no-restricted-paths: `target` files may not import from `from`):
 * - a subgraph never imports another subgraph, the router, scripts, benches or tests;
 * - the kit (packages/*) and the router never import a subgraph;
 * - the web client never imports server code;
 * - scripts, benches and tests reach a subgraph through its `src/public.ts` only.
 */
const zones = [
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}`,
    from: ['./subgraphs', './router', './scripts', './bench', './e2e', './faults', './test', './clients'],
    except: [`./${name}`],
    message: `A subgraph never imports another subgraph or the tools around it (docs/architecture.md).`,
  })),
  {
    target: './packages/shared/src',
    from: ['./subgraphs', './router', './scripts', './bench', './clients'],
    message: 'The kit is infrastructure: it never imports a subgraph, the router or the tools.',
  },
  {
    target: './router/src',
    from: ['./subgraphs', './scripts', './bench', './clients'],
    message: 'The router knows subgraphs by URL only.',
  },
  {
    target: './clients/web',
    from: ['./subgraphs', './router', './packages', './scripts', './bench', './e2e', './test'],
    message: 'The web client talks to the API over HTTP; it never imports server code.',
  },
  ...['./scripts', './bench', './e2e', './faults', './test'].flatMap((target) =>
    SUBGRAPHS.map((name) => ({
      target,
      from: `./subgraphs/${name}/src`,
      except: ['./public.ts'],
      message: `Import what a subgraph offers to tools from subgraphs/${name}/src/public.ts.`,
    })),
  ),
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'clients/web/src/gql/**',
      '**/*.d.ts',
      'coverage/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', 'clients/web/tsconfig.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones, basePath: import.meta.dirname }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      // A variable read by a closure before its single assignment (late-bound services) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['clients/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  prettier,
  {
    // Prettier wraps code at 120 columns but leaves comments and strings alone: comments wrap by this rule;
    // strings, template literals (GraphQL documents, SQL) and URLs may run longer (eslint-config-prettier turns
    // max-len off, so it is set after it).
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
);
