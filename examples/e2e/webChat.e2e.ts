import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '@oci-genai-rx/emulator';
import type { WebChatServer } from '../web-chat/startWebChatServer.js';
import { startWebChatServer } from '../web-chat/startWebChatServer.js';
import type { EmulatorConnection } from '../test/support/emulatorConnection.js';
import { startEmulatorConnection } from '../test/support/emulatorConnection.js';
import { launchChromium } from './support/launchChromium.js';

/** Set to a file path (e.g. /tmp/webchat.png) to save a screenshot of the page mid-answer. */
const screenshotPath = process.env['WEBCHAT_SCREENSHOT'];

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

  /** Starts an emulator and the web chat on 127.0.0.1:0, and opens the page. */
  async function openChat(options: EmulatorOptions) {
    connection = await startEmulatorConnection(options);
    server = await startWebChatServer({ client: connection.client, model: 'meta.llama-3.3-70b-instruct' });
    page = await browser.newPage();
    await page.goto(server.url);
    return { page, emulator: connection.emulator };
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
    if (screenshotPath !== undefined) await page.screenshot({ path: screenshotPath });

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
});
