/**
 * Makes this page's open collection (and its scheduler) use settings already saved. Its own module, so
 * the review screen can follow settings changed elsewhere without loading the settings page's code.
 */
import { createScheduler } from '../core/scheduler.ts';
import type { Settings } from '../core/settings.ts';
import { deviceClock, openApp } from './openApp.ts';
import { openCollection } from './openCollection.ts';

export async function useSettings(settings: Settings): Promise<void> {
	const [collection, app] = await Promise.all([openCollection(), openApp()]);
	Object.assign(collection, { settings, clock: deviceClock(settings) });
	Object.assign(app, { settings, clock: deviceClock(settings), scheduler: createScheduler(settings.scheduler) });
}
