import { bench, describe } from 'vitest';
import { studyDay, studyDayBounds } from '../../src/lib/core/studyDay.ts';
import { StudyQueue } from '../../src/lib/core/studyQueue.ts';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { readDeckSources } from '../../src/lib/deck/deckVitePlugin.ts';
import { BENCH_NOW, benchClock, benchCollection } from './collections.ts';

const states = [...benchCollection(100_000, 1_000_000).states.values()];
const END = BENCH_NOW;
const clock = benchClock;

describe('queue building for a study day (100,000 cards)', () => {
	const { endMillis } = studyDayBounds(END, clock);
	bench('select and order today’s cards, then draw 200', () => {
		const learning = states.filter((s) => (s.phase === 1 || s.phase === 3) && s.dueMillis < endMillis);
		const reviews = states.filter((s) => s.phase === 2 && s.dueMillis < endMillis).sort((a, b) => a.dueMillis - b.dueMillis).slice(0, 200);
		const q = new StudyQueue({ learning, reviews, fresh: [], dayEndMillis: endMillis });
		for (let i = 0, s = q.next(END); s && i < 200; i++, s = q.next(END)) q.remove(s.cardId);
	});
});

describe('study-day arithmetic', () => {
	bench('studyDay() of 10,000 instants an hour apart (Europe/Berlin: every one a cache miss)', () => {
		for (let i = 0; i < 10_000; i++) studyDay(END - i * 3_600_000, clock);
	});
	bench('studyDay() of 10,000 instants within one review session', () => {
		for (let i = 0; i < 10_000; i++) studyDay(END - i * 100, clock);
	});
	bench('studyDayBounds() of 1,000 instants', () => {
		for (let i = 0; i < 1_000; i++) studyDayBounds(END - i * 3_600_000, clock);
	});
});

describe('deck compile (the real cards/)', () => {
	const sources = readDeckSources(process.cwd());
	bench('parse, validate and render every card file', () => void compileDeck(sources), { iterations: 5, time: 0 });
});
