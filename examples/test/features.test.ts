import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token, Tokens } from 'marked';
import { lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import type { ExampleRun } from './support/exampleProcess.js';
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

/** What `features -- all` printed for each feature: the lines after its `== <name>` header, up to the next header. */
function sections(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  const starts = FEATURES.map((feature) => ({ name: feature.name, at: stdout.indexOf(`== ${feature.name}\n`) }));
  starts.forEach(({ name, at }, index) => {
    if (at < 0 || (index === 0 && at !== 0)) return;
    const next = starts[index + 1]?.at ?? stdout.length;
    found.set(name, stdout.slice(at + `== ${name}\n`.length, next));
  });
  return found;
}

describe('the feature examples, as their README sections show them', SLOW_PROCESS, () => {
  // One process runs every example (they start a Node process each: the machine is shared); the
  // command each README shows is run on its own once below.
  let all: Promise<ExampleRun> | undefined;
  const runAll = (): Promise<ExampleRun> => (all ??= runExample('examples/features/main.ts', ['all']));

  it('runs every feature in turn with "all", each after a header line, against the embedded emulator', async () => {
    const run = await runAll();
    expect(run.stderr).toMatch(EMULATOR_NOTE);
    expect(run.code).toBe(0);
    expect([...sections(run.stdout).keys()]).toEqual(FEATURES.map((feature) => feature.name));
  });

  for (const feature of FEATURES) {
    it(`${feature.name}: prints exactly the output ${feature.readme} shows`, async () => {
      const run = await runAll();
      expect(sections(run.stdout).get(feature.name)).toBe(documented(feature).output);
    });

    it(`${feature.name}: ${feature.readme} shows the code of ${feature.source} word for word`, () => {
      expect(documented(feature).code).toBe(shownSource(feature.source));
    });
  }

  it("prints a feature's block alone when the README's command names it", async () => {
    const feature = FEATURES.find((candidate) => candidate.name === 'async-iterable')!;
    const run = await runExample('examples/features/main.ts', [feature.name]);
    expect(run.stderr).toMatch(EMULATOR_NOTE);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(documented(feature).output);
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

  it("shows the for-await loop's output as the async-iterable example prints it", () => {
    const tokens = lexer(read('README.md')).filter((token) => token.type !== 'space');
    const at = tokens.findIndex((token) => token.type === 'paragraph' && token.raw.includes('features -- async-iterable'));
    const output = tokens[at + 1];
    expect(output?.type === 'code' && output.lang === 'text').toBe(true);
    const asyncIterable = FEATURES.find((feature) => feature.name === 'async-iterable')!;
    expect(`${(output as Tokens.Code).text}\n`).toBe(documented(asyncIterable).output);
  });
});
