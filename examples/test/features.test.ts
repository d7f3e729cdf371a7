import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token, Tokens } from 'marked';
import { lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runExample } from './support/exampleProcess.js';

/** Each feature of examples/features: where its README section is, and its example's file. */
const FEATURES = [
  { name: 'partial-json', readme: 'packages/operators/README.md', source: 'examples/features/partialJson.ts' },
  { name: 'run-tools', readme: 'packages/operators/README.md', source: 'examples/features/runTools.ts' },
  { name: 'trace-chat', readme: 'packages/operators/README.md', source: 'examples/features/traceChat.ts' },
  { name: 'async-iterable', readme: 'packages/core/README.md', source: 'examples/features/asyncIterable.ts' },
  { name: 'ui-chat', readme: 'examples/web-chat/README.md', source: 'examples/features/uiChat.ts' },
] as const;

const EMULATOR_NOTE = /^No OCI configuration found: answering from the embedded emulator at http:\/\/127\.0\.0\.1:\d+ .*\n$/;

// Each test starts a Node process (tsx, the workspace sources): allow for a busy machine running every project.
const SLOW_PROCESS = { timeout: 60_000 };

const read = (path: string): string => readFileSync(join(repositoryRoot, path), 'utf8');

/** The fenced code blocks of a Markdown file, in order (marked's lexer, so that the README reads as GitHub renders it). */
function codeBlocks(markdown: string): Tokens.Code[] {
  const blocks: Tokens.Code[] = [];
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'code') blocks.push(token as Tokens.Code);
      if ('tokens' in token && Array.isArray(token.tokens)) walk(token.tokens);
    }
  };
  walk(lexer(markdown));
  return blocks;
}

/**
 * A feature's README section: the `sh` block with its command, then the `ts` block of its
 * code, then the `text` block of what it prints.
 */
function documented(feature: (typeof FEATURES)[number]): { readonly code: string; readonly output: string } {
  const blocks = codeBlocks(read(feature.readme));
  const command = `npx --yes pnpm@10.34.8 features -- ${feature.name}`;
  const at = blocks.findIndex((block) => block.lang === 'sh' && block.text.trim() === command);
  if (at < 0) throw new Error(`${feature.readme} has no \`\`\`sh block with "${command}"`);
  const [code, output] = [blocks[at + 1], blocks[at + 2]];
  expect(code?.lang, `${feature.readme}: the block after "${command}" shows the code`).toBe('ts');
  expect(output?.lang, `${feature.readme}: the block after the code shows what it prints`).toBe('text');
  return { code: `${code?.text ?? ''}\n`, output: `${output?.text ?? ''}\n` };
}

/** The example as the README shows it: the whole file but the doc comment of its exported function. */
function shownSource(path: string): string {
  return read(path).replace(/\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n(?=export async function)/, '');
}

describe.concurrent('the feature examples, as their README sections show them', SLOW_PROCESS, () => {
  for (const feature of FEATURES) {
    it(`${feature.name}: prints exactly the output ${feature.readme} shows, against the embedded emulator`, async () => {
      const { output } = documented(feature);
      const run = await runExample('examples/features/main.ts', [feature.name]);
      expect(run.stderr).toMatch(EMULATOR_NOTE);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(output);
    });

    it(`${feature.name}: ${feature.readme} shows the code of ${feature.source} word for word`, () => {
      expect(documented(feature).code).toBe(shownSource(feature.source));
    });
  }

  it('runs every feature in turn with "all", each after a header line', async () => {
    const run = await runExample('examples/features/main.ts', ['all']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(FEATURES.map((feature) => `== ${feature.name}\n${documented(feature).output}`).join(''));
  });

  it('refuses an unknown feature with a usage error that lists the known ones', async () => {
    const run = await runExample('examples/features/main.ts', ['partial-jsno']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^features: Name one feature: partial-json, run-tools, trace-chat, async-iterable, ui-chat, or all, not "partial-jsno"\./);
  });
});

describe('the root README', () => {
  it('has one block that CI runs for all the features together, and links to their sections', () => {
    const readme = read('README.md');
    const runs = codeBlocks(readme)
      .filter((block) => block.lang === 'sh runnable')
      .map((block) => block.text.split('\n').filter((line) => / features -- [a-z]/.test(line)))
      .filter((lines) => lines.length > 0);
    expect(runs).toEqual([['npx --yes pnpm@10.34.8 features -- all']]);
    for (const anchor of ['#partialjson', '#runtools', '#tracechat']) expect(readme).toContain(`packages/operators/README.md${anchor}`);
  });
});
