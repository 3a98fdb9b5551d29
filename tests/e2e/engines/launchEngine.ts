import { launchChromium } from './chromiumPage.ts';
import type { EngineName, EnginePage, LaunchOptions } from './enginePage.ts';
import { launchFirefox } from './firefoxPage.ts';
import { launchWebKit } from './webkitPage.ts';

/** A fresh profile in `engine`, driven through the engine-neutral `EnginePage`. */
export function launchEngine(engine: EngineName, options: LaunchOptions = {}): Promise<EnginePage> {
	if (engine === 'chromium') return launchChromium(options);
	if (engine === 'firefox') return launchFirefox(options);
	return launchWebKit(options);
}
