import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, or the browser named by CHROME_PATH; a clear message when there is neither. */
export function findChromium(): string {
	const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
	const found = candidates.find((p): p is string => !!p && existsSync(p));
	if (!found) {
		throw new Error(
			'End-to-end tests need Chromium and none was found. Install it with\n' +
				'  sudo apt-get update && sudo apt-get install -y chromium\n' +
				'or point CHROME_PATH at a Chromium or Chrome binary.'
		);
	}
	return found;
}

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** How Chromium words a CSP or Trusted Types violation on the console. */
export const CSP_VIOLATION = /Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript/i;

export interface Browser {
	context: BrowserContext;
	/** The CSP and Trusted Types violations seen so far; `close()` throws when there are any. */
	violations: string[];
	close(): Promise<void>;
}

/** A new empty profile directory (IndexedDB, service worker, caches), for `launchBrowser`. */
export function newProfile(): string {
	return mkdtempSync(join(tmpdir(), 'paperdeck-e2e-'));
}

/**
 * Chromium on a fresh profile (so IndexedDB and the service worker start empty), deleted on close; or
 * on `profile`, kept on close, to reopen the same browser state later (a restart).
 * Options are Playwright's context options (viewport, touch, colour scheme…).
 */
export async function launchBrowser(
	options: Parameters<typeof chromium.launchPersistentContext>[1] = {},
	profile?: string
): Promise<Browser> {
	const dir = profile ?? newProfile();
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: findChromium(),
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1000, height: 800 },
		...options
	});
	// Any Content-Security-Policy or Trusted Types violation fails the test that launched the browser:
	// Chromium reports each one as a console error, whatever page or frame it came from.
	const violations: string[] = [];
	context.on('console', (message) => {
		const text = message.text();
		if (message.type() === 'error' && CSP_VIOLATION.test(text)) violations.push(`${text} @ ${message.location().url}`);
	});
	return {
		context,
		violations,
		async close() {
			await context.close();
			if (!profile) rmSync(dir, { recursive: true, force: true });
			if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
		}
	};
}
