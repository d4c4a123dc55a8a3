// Docs: every relative link in README.md, docs/*.md and every README.md points at a file (and heading) that exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const markdown = new MarkdownIt({ html: true });
const SKIPPED_DIRS = ['node_modules', 'dist', '.git', '.data', 'test-results', 'coverage'];

/** The documents checked: the repository's top-level *.md, docs/*.md, and every README.md below the root. */
function documents(dir = root): string[] {
  return readdirSync(dir).flatMap((entry) => {
    if (SKIPPED_DIRS.includes(entry)) return [];
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return documents(path);
    const inRootOrDocs = dir === root || dir === join(root, 'docs');
    return entry === 'README.md' || (inRootOrDocs && entry.endsWith('.md')) ? [path] : [];
  });
}

/** Every link and image target of a markdown text (code blocks and code spans are not links). */
function targets(tokens: Token[]): string[] {
  return tokens.flatMap((token) => {
    if (token.children) return targets(token.children);
    if (token.type === 'link_open') return [token.attrGet('href') ?? ''];
    if (token.type === 'image') return [token.attrGet('src') ?? ''];
    return [];
  });
}

/** The anchors GitHub gives a document's headings (`## Web client (\`clients/web\`)` → `web-client-clientsweb`). */
function anchors(text: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(text, {});
  const found = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const plain = (tokens[i + 1]?.children ?? [])
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content);
    found.add(slugger.slug(plain.join('')));
  });
  for (const [, id] of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) found.add(id!);
  return found;
}

/** What is wrong with the relative links of the markdown `text` of file `path` (empty: nothing). */
function brokenLinks(path: string, text: string): string[] {
  const problems: string[] = [];
  for (const href of targets(markdown.parse(text, {}))) {
    // Absolute URLs (http:, https:, mailto:) are not the repository's business.
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
    const [rawPath = '', fragment] = href.split('#', 2) as [string, string | undefined];
    const filePart = decodeURIComponent(rawPath.split('?')[0]!);
    const target =
      filePart === '' ? path : filePart.startsWith('/') ? join(root, filePart) : resolve(dirname(path), filePart);
    if (filePart !== '' && !existsSync(target)) {
      problems.push(`${href}: no such file ${relative(root, target)}`);
      continue;
    }
    if (fragment === undefined || !target.endsWith('.md')) continue;
    const targetText = target === path ? text : readIfFile(target);
    if (targetText !== undefined && !anchors(targetText).has(fragment.toLowerCase())) {
      problems.push(`${href}: no heading #${fragment} in ${relative(root, target)}`);
    }
  }
  return problems;
}

function readIfFile(file: string): string | undefined {
  return statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
}

/** The `npm run <script>` names a text tells its reader to type that package.json does not have. */
function missingScripts(text: string, scripts: string[]): string[] {
  return [...text.matchAll(/npm run (?:-s )?([a-z][a-z0-9:-]*)/g)]
    .map((m) => m[1]!)
    .filter((n) => !scripts.includes(n));
}

describe('npm scripts the documentation names', () => {
  const scripts = Object.keys(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: object }).scripts,
  );

  it("exist in package.json (documents and the metrics' help texts)", () => {
    const helpTexts = join(root, 'packages/shared/src/observability/event-metrics.ts');
    const problems = [...documents(), helpTexts].flatMap((file) =>
      missingScripts(readFileSync(file, 'utf8'), scripts).map((name) => `${relative(root, file)}: npm run ${name}`),
    );
    expect(problems).toEqual([]);
  });

  it('reports a script that is not there', () => {
    expect(missingScripts('`npm run events -- dead-letters` or `npm run dead-letters`', ['events'])).toEqual([
      'dead-letters',
    ]);
  });
});

describe('links in the documentation', () => {
  const files = documents();

  it('checks README.md, docs/*.md and every README.md', () => {
    const names = files.map((file) => relative(root, file));
    expect(names).toContain('README.md');
    expect(names).toContain('docs/events.md');
    expect(names).toContain('deploy/k8s/README.md');
  });

  it('finds every relative link target and heading', () => {
    const problems = files.flatMap((file) =>
      brokenLinks(file, readFileSync(file, 'utf8')).map((p) => `${relative(root, file)}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('reports a missing file, a missing heading and a missing heading of another document, and nothing else', () => {
    const path = join(root, 'docs', 'sample.md');
    const text = [
      '# Sample',
      '## Web client (`clients/web`)',
      '[fine](events.md) [fine dir](../subgraphs) [fine anchor](#web-client-clientsweb) [fine other](events.md#domain-events)',
      '[gone](missing.md) [no heading](#nowhere) [no heading elsewhere](events.md#nowhere)',
      '[external](https://example.com/x.md) [mail](mailto:a@b.c)',
      '`[in code](nope.md)`',
      '```',
      '[in a block](nope.md)',
      '```',
    ].join('\n');
    expect(brokenLinks(path, text)).toEqual([
      'missing.md: no such file docs/missing.md',
      '#nowhere: no heading #nowhere in docs/sample.md',
      'events.md#nowhere: no heading #nowhere in docs/events.md',
    ]);
  });
});
