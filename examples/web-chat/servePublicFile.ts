import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const publicDirectory = join(dirname(fileURLToPath(import.meta.url)), 'public');

/**
 * The page's files by URL path. A fixed list rather than a directory lookup: no path from a
 * request ever reaches the file system, so `/../` tricks have nothing to work on.
 */
const publicFiles: ReadonlyMap<string, { file: string; type: string }> = new Map([
  ['/', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/chat.js', { file: 'chat.js', type: 'text/javascript; charset=utf-8' }],
  ['/readServerSentEvents.js', { file: 'readServerSentEvents.js', type: 'text/javascript; charset=utf-8' }],
  ['/chat.css', { file: 'chat.css', type: 'text/css; charset=utf-8' }],
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
  const body = await readFile(join(publicDirectory, entry.file));
  res.writeHead(200, { 'content-type': entry.type, 'content-length': body.length, 'cache-control': 'no-cache' });
  res.end(body);
  return true;
}
