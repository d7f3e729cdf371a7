import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

/** One line of a batch prompt file, as a test writes it. */
export interface PromptLine {
  readonly id: string;
  readonly prompt: string;
  readonly headers?: Record<string, string>;
  readonly maxTokens?: number;
}

/** One line of a batch result file, as a test reads it. */
export interface ResultRecord {
  readonly id: string;
  readonly text?: string;
  readonly finishReason?: string;
  readonly usage?: { promptTokens?: number; completionTokens?: number; totalTokens?: number };
  readonly opcRequestId?: string;
  readonly error?: { code: string; message: string; status?: number; opcRequestId?: string };
}

/** `count` prompts with ids p-1 … p-count. */
export function numberedPrompts(count: number): PromptLine[] {
  return Array.from({ length: count }, (_, i) => ({ id: `p-${i + 1}`, prompt: `Question number ${i + 1}: tell me something.` }));
}

export async function writePrompts(path: string, prompts: readonly PromptLine[]): Promise<void> {
  await writeFile(path, prompts.map((prompt) => `${JSON.stringify(prompt)}\n`).join(''));
}

/** Every line of a result file, parsed (a line that is not JSON fails the test). */
export async function readResultLines(path: string): Promise<ResultRecord[]> {
  if (!existsSync(path)) return [];
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ResultRecord);
}

/** How many times each id occurs. */
export function idCounts(records: readonly ResultRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { id } of records) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** The counts of the batch runner's `summary:` line. */
export function parseSummary(stdout: string): { total: number; ok: number; failed: number; skipped: number } {
  const match = /summary: total (\d+), ok (\d+), failed (\d+), skipped (\d+)/.exec(stdout);
  if (match === null) throw new Error(`no summary line in: ${stdout}`);
  const [, total, ok, failed, skipped] = match.map(Number) as [number, number, number, number, number];
  return { total, ok, failed, skipped };
}
