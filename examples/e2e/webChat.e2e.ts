import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import type { WebChatServer } from '../web-chat/startWebChatServer.js';
import { startWebChatServer } from '../web-chat/startWebChatServer.js';
import type { EmulatorConnection } from '../test/support/emulatorConnection.js';
import { startEmulatorConnection } from '../test/support/emulatorConnection.js';
import { launchChromium } from './support/launchChromium.js';

/** Where the screenshots of the finished page go: E2E_OUTPUT, default examples/e2e/output/ (git ignores it). */
const outputFolder = process.env['E2E_OUTPUT'] ?? join(import.meta.dirname, 'output');
mkdirSync(outputFolder, { recursive: true });
const screenshot = (page: Page, name: string) => page.screenshot({ path: join(outputFolder, `${name}.png`) });

describe('web chat in a real browser', () => {
  let browser: Browser;
  let connection: EmulatorConnection | undefined;
  let server: WebChatServer | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await page?.close();
    await server?.close();
    await connection?.close();
    page = undefined;
    server = undefined;
    connection = undefined;
  });

  /** Starts an emulator and the web chat on 127.0.0.1:0, and opens the page (with `#token=` when the server has a token). */
  async function openChat(options: EmulatorOptions, token?: string) {
    connection = await startEmulatorConnection(options);
    server = await startWebChatServer({ client: connection.client, model: 'meta.llama-3.3-70b-instruct', ...(token !== undefined && { token }) });
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(token === undefined ? server.url : `${server.url}#token=${token}`);
    return { page, emulator: connection.emulator };
  }

  /** Sends a prompt and waits for its answer to finish. */
  async function ask(page: Page, prompt: string): Promise<void> {
    const answers = await page.locator('.turn.answer').count();
    await send(page, prompt);
    await expect.poll(() => page.locator('.turn.answer').count()).toBe(answers + 1);
    await expect.poll(() => answerState(page), { timeout: 10_000 }).not.toBe('streaming');
  }

  async function send(page: Page, prompt: string): Promise<void> {
    await page.fill('#prompt', prompt);
    await page.click('#send');
  }

  const answerText = (page: Page): Promise<string> => page.locator('.turn.answer .text').last().innerText();
  const answerState = (page: Page): Promise<string | null> => page.locator('.turn.answer').last().getAttribute('data-state');

  it('shows tokens while the answer streams, and Stop closes the upstream connection', async () => {
    const { page, emulator } = await openChat({ tokens: 400, tokenIntervalMs: 30 });

    await send(page, 'Tell me a joke.');

    await expect.poll(() => answerText(page), { timeout: 10_000 }).not.toBe('');
    const early = await answerText(page);
    await expect.poll(async () => (await answerText(page)).length, { timeout: 10_000 }).toBeGreaterThan(early.length);
    expect(await answerState(page)).toBe('streaming');
    expect(emulator.counters.activeStreams).toBe(1);
    expect(emulator.counters.streamsCompleted).toBe(0);

    await page.click('#stop');

    await expect.poll(() => answerState(page)).toBe('stopped');
    await expect.poll(() => emulator.counters.openConnections, { timeout: 5_000 }).toBe(0);
    expect(emulator.counters.activeStreams).toBe(0);
    expect(emulator.counters.clientDisconnects).toBe(1);
    expect(emulator.counters.streamsCompleted).toBe(0);
    const stopped = await answerText(page);
    await page.waitForTimeout(300);
    expect(await answerText(page)).toBe(stopped);
    expect(await page.isEnabled('#send')).toBe(true);
  });

  it('closing the tab mid-answer closes the upstream connection too', async () => {
    const { page, emulator } = await openChat({ tokens: 400, tokenIntervalMs: 30 });
    await send(page, 'Tell me a joke.');
    await expect.poll(() => answerText(page), { timeout: 10_000 }).not.toBe('');

    await page.close();

    await expect.poll(() => emulator.counters.openConnections, { timeout: 5_000 }).toBe(0);
    expect(emulator.counters.clientDisconnects).toBe(1);
  });

  it('renders a whole answer and finishes with the reason and request id', async () => {
    const { page, emulator } = await openChat({ tokens: 30, tokenIntervalMs: 5 });

    await send(page, 'Tell me a joke.');

    await expect.poll(() => answerState(page), { timeout: 10_000 }).toBe('done');
    expect(await answerText(page)).toMatch(/^Why/);
    expect(await page.locator('.turn.answer .status').last().innerText()).toMatch(/^finished \(stop\) · opc-request-id \S+/);
    expect(emulator.counters.streamsCompleted).toBe(1);
  });

  it('shows an error readably, with its message and opc-request-id', async () => {
    const { page, emulator } = await openChat({ tokens: 30 });
    emulator.setFault('status=429', { times: 1 });

    await send(page, 'Tell me a joke.');

    const error = page.locator('.turn.answer .error').last();
    await error.waitFor({ timeout: 10_000 });
    expect(await answerState(page)).toBe('error');
    expect(await error.getAttribute('role')).toBe('alert');
    const shown = await error.innerText();
    expect(shown).toMatch(/RateLimitError \(429\)/);
    expect(shown).toMatch(/OCI Generative AI answered 429/);
    expect(shown).toMatch(/opc-request-id: \S+/);
    expect(shown).toMatch(/send it again/);
  });

  it('keeps the streaming text in view above the input box, in a long conversation', async () => {
    const { page, emulator } = await openChat({ tokenIntervalMs: 1 });
    for (const prompt of ['Tell me a joke.', 'What is a river?', 'Show me some code.', 'Hello', 'What is a lake?', 'Why is the sky blue?']) await ask(page, prompt);
    emulator.setFault('tokens=300; token-interval-ms=25', { times: 1 });

    await send(page, 'Tell me a long story.');
    await expect.poll(async () => (await answerText(page)).length, { timeout: 10_000 }).toBeGreaterThan(400);

    expect(await answerState(page)).toBe('streaming');
    const conversationBox = (await page.locator('#conversation').boundingBox())!;
    const inputBox = (await page.locator('#prompt').boundingBox())!;
    for (let i = 0; i < 3; i += 1) {
      const bubble = (await page.locator('.turn.answer').last().boundingBox())!;
      expect(bubble.y + bubble.height).toBeLessThanOrEqual(inputBox.y);
      // Within the conversation's visible box, not scrolled off above or below it.
      expect(bubble.y + bubble.height).toBeGreaterThan(conversationBox.y);
      expect(bubble.y + bubble.height).toBeLessThanOrEqual(conversationBox.y + conversationBox.height + 1);
      await page.waitForTimeout(200);
    }
    // Browser-side code as strings: the tests compile without the DOM's types.
    expect(await page.evaluate("document.querySelector('#conversation').scrollHeight > window.innerHeight")).toBe(true);
    await screenshot(page, 'long-conversation-streaming');
    await page.click('#stop');
    await expect.poll(() => answerState(page)).toBe('stopped');
  });

  it('renders Markdown, code in a monospace font, and shows HTML in an answer as text without running it', async () => {
    const { page } = await openChat({ tokenIntervalMs: 1 });
    const hostile = 'Look: <img src=x onerror="window.pwned = 1"> and <script>window.pwned = 2</script> **bold** and [a link](javascript:window.pwned=3).';
    await page.evaluate('window.pwned = 0');

    await ask(page, `Repeat after me: ${hostile}`);
    const answer = page.locator('.turn.answer .text').last();
    expect(await answer.innerText()).toContain('Look: <img src=x onerror="window.pwned = 1"> and <script>window.pwned = 2</script> bold and a link.');
    expect(await answer.locator('strong').innerText()).toBe('bold');
    expect(await answer.locator('img, script').count()).toBe(0);
    expect(await answer.locator('a').count()).toBe(1);
    expect(await answer.locator('a').getAttribute('href')).toBeNull();
    await answer.locator('a').click();

    await ask(page, 'Show me some code.');
    const code = page.locator('.turn.answer .text pre code').last();
    expect(await code.innerText()).toMatch(/^const answer = client\.chat\(/);
    expect(await page.evaluate("getComputedStyle([...document.querySelectorAll('.turn.answer .text pre code')].at(-1)).fontFamily")).toMatch(/monospace/);
    expect(await page.locator('.turn.answer .text').last().locator('p code').first().innerText()).toBe('text');

    await page.waitForTimeout(200);
    expect(await page.evaluate('window.pwned')).toBe(0);
    await screenshot(page, 'markdown-and-sanitised-html');
  });

  it('renders a Japanese answer in a CJK font, and has a favicon', async () => {
    const { page } = await openChat({ tokenIntervalMs: 1 });

    await ask(page, '日本の四季について話してください。');

    expect(await answerText(page)).toMatch(/^日本には四つの季節があります。春には桜が咲き/);
    expect(await page.evaluate(`document.fonts.check('16px "Noto Sans CJK JP"', '日本の四季')`)).toBe(true);
    const icon = await page.evaluate(`fetch(document.querySelector('link[rel=icon]').href).then((response) => ({ status: response.status, type: response.headers.get('content-type') }))`);
    expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });
    await screenshot(page, 'japanese');
  });

  it('works with a token from the address, which it then takes out of the address bar', async () => {
    const { page } = await openChat({ tokenIntervalMs: 1 }, 'page-test-token');

    await ask(page, 'Tell me a joke.');

    expect(await answerState(page)).toBe('done');
    expect(await answerText(page)).toBe('Why was the computer cold?\n\nBecause it left its Windows open.');
    expect(page.url()).not.toContain('page-test-token');
  });
});
