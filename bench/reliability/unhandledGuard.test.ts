import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtureConfig = fileURLToPath(new URL('./support/guardFixture/vitest.config.ts', import.meta.url));

interface JsonReport {
  readonly testResults: readonly { readonly assertionResults: readonly { readonly title: string; readonly status: string; readonly failureMessages: readonly string[] }[] }[];
}

describe('the suite-wide guard (vitest.failOnUnhandled.ts)', () => {
  it('fails a test during which a rejection went unhandled or an exception uncaught, and only that test', () => {
    const folder = mkdtempSync(join(tmpdir(), 'guard-'));
    try {
      const output = join(folder, 'report.json');
      const run = spawnSync(process.execPath, [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--config', fixtureConfig, '--reporter=json', `--outputFile=${output}`], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      const report = JSON.parse(readFileSync(output, 'utf8')) as JsonReport;
      const results = Object.fromEntries(report.testResults.flatMap((file) => file.assertionResults).map((r) => [r.title, r]));
      expect(results['lets a rejection go unhandled']?.status).toBe('failed');
      expect(results['lets a rejection go unhandled']?.failureMessages.join('')).toMatch(/nobody awaits this/);
      expect(results['throws from a timer']?.status).toBe('failed');
      expect(results['throws from a timer']?.failureMessages.join('')).toMatch(/thrown from a timer/);
      expect(results['passes when nothing escapes']?.status).toBe('passed');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
