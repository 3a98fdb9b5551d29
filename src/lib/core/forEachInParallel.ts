/**
 * Runs `task` on every item, at most `limit` at a time, each slot taking the next item as soon as it is
 * free. Rejects with the first failure (the tasks already started are not cancelled; no new one starts).
 */
export async function forEachInParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	let failed = false;
	const slot = async () => {
		while (!failed && next < items.length) {
			const item = items[next++]!;
			try {
				await task(item);
			} catch (e) {
				failed = true;
				throw e;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, slot));
}
