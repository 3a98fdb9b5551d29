import { launchChromium } from './chromiumPage.ts';
import type { EngineName, EnginePage, LaunchOptions } from './enginePage.ts';
import { cspViolations } from './errorRecorder.ts';
import { launchFirefox } from './firefoxPage.ts';
import { launchWebKit } from './webkitPage.ts';

function launchBare(engine: EngineName, options: LaunchOptions): Promise<EnginePage> {
	if (engine === 'chromium') return launchChromium(options);
	if (engine === 'firefox') return launchFirefox(options);
	return launchWebKit(options);
}

/**
 * A fresh profile in `engine`, driven through the engine-neutral `EnginePage`. Its `close()` fails
 * the test on any Content-Security-Policy or Trusted Types violation the error recorder saw in the
 * page (`securitypolicyviolation`), whether or not the test itself looked at the page's errors.
 */
export async function launchEngine(engine: EngineName, options: LaunchOptions = {}): Promise<EnginePage> {
	const page = await launchBare(engine, options);
	return {
		...page,
		async close() {
			const found = await cspViolations(page).catch(() => []);
			await page.close();
			if (found.length > 0) throw new Error(`Content-Security-Policy violations in ${engine}:\n${found.join('\n')}`);
		}
	};
}
