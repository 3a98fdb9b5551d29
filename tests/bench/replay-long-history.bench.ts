import { bench, describe } from 'vitest';
import { replayAll } from '../../src/lib/core/replay.ts';
import { benchCollection, benchScheduler } from './collections.ts';

const log = benchCollection(10_000, 1_000_000).events;
const small = benchCollection(10_000, 100_000).events;

describe('replay (budget: 1,000,000 events ≤ 1 s in node)', () => {
	bench(`rebuild every state: ${log.length.toLocaleString('en')} events over 10,000 cards`, () => void replayAll(log, benchScheduler), {
		iterations: 5,
		time: 0
	});
	bench(`rebuild every state: ${small.length.toLocaleString('en')} events over 10,000 cards`, () => void replayAll(small, benchScheduler), {
		iterations: 10,
		time: 0
	});
});
