import type { Page } from 'playwright-core';

/** Starts recording the longest main-thread task in the page (what a person feels as a freeze). */
export async function watchLongTasks(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { longest: number; observer?: PerformanceObserver };
		w.longest = 0;
		w.observer?.disconnect();
		w.observer = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
		});
		w.observer.observe({ type: 'longtask' });
	});
}

/** The longest main-thread task since `watchLongTasks`, in milliseconds. */
export function longestTask(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { longest: number }).longest);
}

/** A longest task in words: the browser reports only tasks of 50 ms and more, so 0 means none of them. */
export function describeLongest(millis: number): string {
	return millis === 0 ? 'no task of 50 ms or more' : `${Math.round(millis)} ms`;
}
