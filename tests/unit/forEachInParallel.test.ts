import { describe, expect, it } from 'vitest';
import { forEachInParallel } from '../../src/lib/core/forEachInParallel.ts';

const tick = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('forEachInParallel', () => {
	it('runs every item once, never more than the limit at a time, and keeps every slot busy', async () => {
		let running = 0;
		let most = 0;
		const done: number[] = [];
		await forEachInParallel([5, 1, 1, 1, 1, 1, 1, 1], 3, async (ms) => {
			running++;
			most = Math.max(most, running);
			await tick(ms);
			running--;
			done.push(ms);
		});
		expect(done.sort()).toEqual([1, 1, 1, 1, 1, 1, 1, 5]);
		expect(most).toBe(3);
		// The slow first item does not hold the others back: they all finish before it.
		expect(done.at(-1)).toBe(5);
	});

	it('rejects with the first failure and starts nothing after it', async () => {
		const started: number[] = [];
		const run = forEachInParallel([0, 1, 2, 3, 4, 5], 2, async (i) => {
			started.push(i);
			await tick(1);
			if (i === 1) throw new Error('bad response for 1');
		});
		await expect(run).rejects.toThrow('bad response for 1');
		expect(started).toEqual([0, 1, 2]);
	});

	it('does nothing for no items, and runs one at a time with a limit below one', async () => {
		await forEachInParallel([], 4, async () => {
			throw new Error('not called');
		});
		let running = 0;
		let most = 0;
		await forEachInParallel([1, 2, 3], 0, async () => {
			running++;
			most = Math.max(most, running);
			await tick(1);
			running--;
		});
		expect(most).toBe(1);
	});
});
