import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where .ci/e2e installs Debian's chromium; override with CHROMIUM_PATH. */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Launches the system's headless Chromium (playwright-core downloads no browser of its own).
 * Playwright gives it a fresh, throwaway profile directory; the flags keep it from reaching
 * the network on its own (updates, sync, QUIC probes) and let it run as root in a container.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
