// Writes the fenced shell blocks of a Markdown file that carry a marker to files, one per block,
// so that CI runs what the README says, word for word. Markers follow the language on the fence:
//   ```sh main-job       the set-up command that runs the main job (exactly one)
//   ```sh test-command   the set-up command that runs the tests (exactly one)
//   ```sh runnable       any other command a reader may paste after the set-up
// Usage: node .ci/readme-blocks.mjs README.md OUTPUT_FOLDER
// Writes main-job.sh, test-command.sh and runnable-<n>.sh; fails when a single block is missing or doubled.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [file, folder] = process.argv.slice(2);
if (file === undefined || folder === undefined) throw new Error('usage: node .ci/readme-blocks.mjs README.md OUTPUT_FOLDER');
const blocks = [...readFileSync(file, 'utf8').matchAll(/^```(?:sh|bash|shell) +([\w-]+)[^\n]*\n([\s\S]*?)^```$/gm)].map(([, marker, body]) => ({ marker, body }));
mkdirSync(folder, { recursive: true });
for (const single of ['main-job', 'test-command']) {
  const found = blocks.filter((block) => block.marker === single);
  if (found.length !== 1) throw new Error(`${file}: expected one \`\`\`sh ${single} block, found ${found.length}`);
  writeFileSync(join(folder, `${single}.sh`), found[0].body);
}
blocks
  .filter((block) => block.marker === 'runnable')
  .forEach((block, index) => writeFileSync(join(folder, `runnable-${index + 1}.sh`), block.body));
