// Launching Debian's Chromium for the browser tests, the way this machine allows: no
// browser download (playwright-core only drives it), no network beyond loopback.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is: CHROMIUM_PATH, or Debian's package. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** PAIRWISE_ELO_SKIP_BROWSER=1 skips the browser tests; without it a missing Chromium fails them. */
export const SKIP_BROWSER = process.env['PAIRWISE_ELO_SKIP_BROWSER'] === '1';

// Headless as root in a sandbox, and quiet: without the background-networking flags
// Chromium keeps trying hosts this closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts headless Chromium, or fails saying how to get it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium (sudo apt-get install chromium), ` +
        'or point CHROMIUM_PATH at a Chromium binary, or set PAIRWISE_ELO_SKIP_BROWSER=1 to skip the browser tests.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
