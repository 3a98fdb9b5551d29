import { bench, describe } from 'vitest';
import { replayAll } from '../../src/lib/core/replay.ts';
import { benchCollection, benchScheduler } from './collections.ts';

// Its own file: vitest runs each bench file alone, so no other large log competes for memory.
const log = benchCollection(100_000, 1_000_000).events;

describe('replay (budget: 1,000,000 events ≤ 1 s in node)', () => {
	bench(`rebuild every state: ${log.length.toLocaleString('en')} events over 100,000 cards`, () => void replayAll(log, benchScheduler), {
		iterations: 5,
		time: 0
	});
});
