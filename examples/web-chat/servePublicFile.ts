import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const publicDirectory = join(dirname(fileURLToPath(import.meta.url)), 'public');
const javascript = 'text/javascript; charset=utf-8';
const require = createRequire(import.meta.url);

/**
 * The page's files by URL path, and the two libraries it imports, served from node_modules
 * as their own packages ship them (no bundler, no copy to keep in step): marked's ES module,
 * and DOMPurify's, which sits beside the CommonJS file that `require.resolve` finds.
 * A fixed list rather than a directory lookup: no path from a request ever reaches the file
 * system, so `/../` tricks have nothing to work on.
 */
const publicFiles: ReadonlyMap<string, { path: string; type: string }> = new Map([
  ['/', { path: join(publicDirectory, 'index.html'), type: 'text/html; charset=utf-8' }],
  ['/chat.js', { path: join(publicDirectory, 'chat.js'), type: javascript }],
  ['/readServerSentEvents.js', { path: join(publicDirectory, 'readServerSentEvents.js'), type: javascript }],
  ['/renderMarkdown.js', { path: join(publicDirectory, 'renderMarkdown.js'), type: javascript }],
  ['/chat.css', { path: join(publicDirectory, 'chat.css'), type: 'text/css; charset=utf-8' }],
  ['/favicon.svg', { path: join(publicDirectory, 'favicon.svg'), type: 'image/svg+xml' }],
  ['/vendor/marked.js', { path: require.resolve('marked'), type: javascript }],
  ['/vendor/purify.js', { path: join(dirname(require.resolve('dompurify')), 'purify.es.mjs'), type: javascript }],
]);

/**
 * Answers a GET for one of the page's files; returns false when the path is not one of them.
 *
 * @example
 * if (!(await servePublicFile('/chat.js', res))) notFound(res);
 */
export async function servePublicFile(path: string, res: ServerResponse): Promise<boolean> {
  const entry = publicFiles.get(path);
  if (entry === undefined) return false;
  const body = await readFile(entry.path);
  res.writeHead(200, { 'content-type': entry.type, 'content-length': body.length, 'cache-control': 'no-cache' });
  res.end(body);
  return true;
}
