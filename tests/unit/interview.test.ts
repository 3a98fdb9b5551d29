import { describe, expect, it } from 'vitest';
import { countDoneToday } from '../../src/lib/core/countDoneToday.ts';
import { reviewKindFor } from '../../src/lib/core/events.ts';
import { sampleQuestions, type QuestionCandidate } from '../../src/lib/core/interviewQuestions.ts';
import { interviewCandidates } from '../../src/lib/core/interviewScope.ts';
import { scoreInterview, type GradedQuestion } from '../../src/lib/core/interviewScore.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { fsrsItemsFromEvents } from '../../src/lib/core/optimizer/fsrsItems.ts';
import { reduceCard } from '../../src/lib/core/reduceCard.ts';
import { replayCard } from '../../src/lib/core/replay.ts';
import { studyDay, studyDayBounds } from '../../src/lib/core/studyDay.ts';
import { Phase, type CardEvent, type CardState, type DueByEvent, type Rating } from '../../src/lib/core/types.ts';
import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, serializeBackup, type BackupFile } from '../../src/lib/core/backupFile.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { eventProblem, parseBackup } from '../../src/lib/core/validateBackup.ts';
import { applyImport } from '../../src/lib/db/importBackup.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { mergeEvents, rebuildStates } from '../../src/lib/db/rebuildStates.ts';
import { recordInterviewAnswer, type InterviewAnswer } from '../../src/lib/db/recordInterviewAnswer.ts';
import { scheduleDueBy } from '../../src/lib/db/scheduleDueBy.ts';
import { fromStateRow } from '../../src/lib/db/stateRow.ts';
import { loadChosenCards, loadStudyCards } from '../../src/lib/db/studyQueries.ts';
import { DAY, eventId, makeDeck, MINUTE, mixedLog, NOW, prng, review, scheduler, undo, UTC_CLOCK } from './factories.ts';
import { testCollection } from './testCollection.ts';

/** Every field but `lastEventMillis` (how far the card's log reaches, not scheduling), compared with Object.is. */
function expectSameSchedule(after: CardState, before: CardState): void {
	const { lastEventMillis: _a, ...rest } = after;
	const { lastEventMillis: _b, ...expected } = before;
	expect(Object.keys(rest).sort()).toEqual(Object.keys(expected).sort());
	for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
		expect(Object.is(rest[key], expected[key]), `${after.cardId}.${key}: ${rest[key]} vs ${expected[key]}`).toBe(true);
	}
}

const dueBy = (cardId: string, atMillis: number, dueMillis: number): DueByEvent => ({ id: eventId(), type: 'dueBy', cardId, atMillis, dueMillis });

/** A card's scheduling history: `steps` answers at random gaps, kinds following its phase. */
function randomHistory(cardId: string, rand: () => number, steps: number, start = NOW - 300 * DAY): CardEvent[] {
	const events: CardEvent[] = [];
	let state = newCardState(cardId);
	let now = start;
	for (let i = 0; i < steps; i++) {
		now += 1 + Math.floor(rand() * (rand() < 0.4 ? 20 * MINUTE : 20 * DAY));
		const e = review(cardId, now, (1 + Math.floor(rand() * 4)) as Rating, reviewKindFor(state.phase));
		state = reduceCard(state, e, scheduler);
		events.push(e);
	}
	return events;
}

describe('cram answers (interview mode) never change scheduling', () => {
	it('leave every card state and due date identical, wherever they fall in random histories', () => {
		const rand = prng(7);
		for (let card = 0; card < 300; card++) {
			const id = `paper/c${card}`;
			const history = randomHistory(id, rand, 1 + Math.floor(rand() * 15));
			// Cram answers before, between and after the scheduling answers, with every interview grade.
			const last = history[history.length - 1]!.atMillis;
			const crams = Array.from({ length: 1 + Math.floor(rand() * 6) }, () =>
				review(id, NOW - 300 * DAY + Math.floor(rand() * (last - (NOW - 300 * DAY) + 5 * DAY)), (1 + Math.floor(rand() * 3)) as Rating, 'cram')
			);
			expectSameSchedule(replayCard(id, [...history, ...crams], scheduler), replayCard(id, history, scheduler));
		}
	});

	it('leave every stored state and due date identical through the storage layer, and after a rebuild', async () => {
		const deck = makeDeck(6, 5);
		const ids = deck.cards.map((c) => c.id);
		const db = await testCollection(deck);
		await mergeEvents(db, mixedLog(3, ids, 600, NOW - 200 * DAY), scheduler);
		const before = new Map((await db.states.toArray()).map((r) => [r.cardId, r]));
		expect([...before.values()].filter((r) => r.phase !== Phase.New).length).toBeGreaterThan(20);

		let at = NOW;
		for (const cardId of ids) {
			for (const grade of [1, 2, 3] as const) {
				at += 1000;
				const answer: InterviewAnswer = {
					ids: { cram: eventId(), review: eventId() },
					cardId,
					grade,
					atMillis: at,
					day: studyDay(at, UTC_CLOCK),
					durationMillis: 3000,
					countAsReview: false
				};
				expect(await recordInterviewAnswer(db, scheduler, answer)).toBeNull();
			}
		}
		const after = await db.states.toArray();
		for (const row of after) {
			const { lastEventMillis: _a, ...rest } = row;
			const { lastEventMillis: _b, ...was } = before.get(row.cardId)!;
			expect(rest).toEqual(was);
			expect(Object.is(row.dueMillis, was.dueMillis) && Object.is(row.stability, was.stability) && Object.is(row.difficulty, was.difficulty)).toBe(true);
		}
		expect(await db.events.filter((e) => e.type === 'review' && e.kind === 'cram').count()).toBe(ids.length * 3);
		// The cache agrees with a replay of the whole log.
		expect(await rebuildStates(db, scheduler)).toEqual([]);
	});

	it('are left out of FSRS training and of the daily review count', async () => {
		const history = randomHistory('p/c', prng(5), 12);
		const crams = history.map((e) => review('p/c', e.atMillis + 30 * MINUTE, 1, 'cram'));
		expect(fsrsItemsFromEvents([...history, ...crams])).toEqual(fsrsItemsFromEvents(history));
		const today = [review('p/c', NOW, 3, 'review'), review('p/c', NOW + MINUTE, 1, 'cram'), review('p/d', NOW + 2 * MINUTE, 3, 'cram')];
		expect(countDoneToday(today)).toEqual({ reviews: 1, answered: 1 });
	});
});

describe('"also count as reviews"', () => {
	async function learnedCollection() {
		const deck = makeDeck(1, 4);
		const db = await testCollection(deck);
		const [learned, fresh, partly] = deck.cards.map((c) => c.id) as [string, string, string];
		// Two Easy answers days apart: the card is in review.
		for (const id of [learned, partly]) {
			await appendEvent(db, review(id, NOW - 20 * DAY, 4), scheduler);
			await appendEvent(db, review(id, NOW - 10 * DAY, 3, 'review'), scheduler);
		}
		return { db, learned, fresh, partly };
	}
	const answer = (cardId: string, grade: 1 | 2 | 3): InterviewAnswer => ({
		ids: { cram: eventId(), review: eventId() },
		cardId,
		grade,
		atMillis: NOW,
		day: studyDay(NOW, UTC_CLOCK),
		durationMillis: 5000,
		countAsReview: true
	});

	it('sends a missed learned card to relearning with an Again review of its own, once even if saved twice', async () => {
		const { db, learned } = await learnedCollection();
		const before = fromStateRow((await db.states.get(learned))!);
		expect(before.phase).toBe(Phase.Review);
		const a = answer(learned, 1);
		const after = await recordInterviewAnswer(db, scheduler, a);
		expect(after).toMatchObject({ phase: Phase.Relearning, lapses: before.lapses + 1 });
		expect(after!.dueMillis).toBe(NOW + 10 * MINUTE);
		expect(fromStateRow((await db.states.get(learned))!)).toEqual(after);
		// Saving the same answer again (a retry) logs nothing more.
		expect(await recordInterviewAnswer(db, scheduler, a)).toEqual(after);
		const events = await db.events.where('cardId').equals(learned).toArray();
		expect(events.filter((e) => e.type === 'review' && e.kind === 'cram')).toHaveLength(1);
		expect(events.filter((e) => e.type === 'review' && e.kind === 'review' && e.atMillis === NOW && e.rating === 1)).toHaveLength(1);
		// The Again review is an FSRS training answer like any other; the cram answer is not.
		expect(fsrsItemsFromEvents(events).at(-1)!.reviews.at(-1)).toEqual({ rating: 1, deltaT: 10 });
		expect(await rebuildStates(db, scheduler)).toEqual([]);
	});

	it('changes nothing for a new card, or for Partly and Got it', async () => {
		const { db, fresh, partly } = await learnedCollection();
		const before = await db.states.toArray();
		expect(await recordInterviewAnswer(db, scheduler, answer(fresh, 1))).toBeNull();
		expect(await recordInterviewAnswer(db, scheduler, answer(partly, 2))).toBeNull();
		expect(await recordInterviewAnswer(db, scheduler, answer(partly, 3))).toBeNull();
		const after = new Map((await db.states.toArray()).map((r) => [r.cardId, r]));
		for (const row of before) expectSameSchedule(after.get(row.cardId)!, row);
		expect(await db.events.filter((e) => e.type === 'review' && e.kind !== 'cram' && e.atMillis === NOW).count()).toBe(0);
	});
});

describe('the question sampler', () => {
	/** A scope of `papers` papers with random card counts and recalls (new cards at 0). */
	function randomScope(rand: () => number, papers: number, maxCards = 8): QuestionCandidate[] {
		const out: QuestionCandidate[] = [];
		for (let p = 0; p < papers; p++) {
			const n = 1 + Math.floor(rand() * maxCards);
			for (let c = 0; c < n; c++) out.push({ cardId: `paper-${p}/card-${c}`, paperId: `paper-${p}`, recall: rand() < 0.3 ? 0 : rand() });
		}
		return out;
	}

	it('is reproducible for a seed, whatever order the scope comes in', () => {
		const scope = randomScope(prng(1), 12);
		const drawn = sampleQuestions(scope, 20, 42);
		expect(sampleQuestions(scope, 20, 42)).toEqual(drawn);
		expect(sampleQuestions(scope.slice().reverse(), 20, 42)).toEqual(drawn);
		const r = prng(9);
		const shuffled = scope.slice().sort(() => r() - 0.5);
		expect(sampleQuestions(shuffled, 20, 42)).toEqual(drawn);
		// Other seeds give other interviews.
		const others = new Set([1, 2, 3, 4, 5].map((seed) => sampleQuestions(scope, 20, seed).join()));
		expect(others.size).toBe(5);
	});

	it('covers the scope: no paper is repeated while another with cards left is unused, and no card twice', () => {
		const rand = prng(2);
		for (let trial = 0; trial < 400; trial++) {
			const scope = randomScope(rand, 1 + Math.floor(rand() * 15));
			const count = 1 + Math.floor(rand() * 60);
			const drawn = sampleQuestions(scope, count, trial);
			expect(drawn).toHaveLength(Math.min(count, scope.length));
			expect(new Set(drawn).size).toBe(drawn.length);
			const inScope = new Map<string, number>();
			for (const c of scope) inScope.set(c.paperId, (inScope.get(c.paperId) ?? 0) + 1);
			const used = new Map([...inScope.keys()].map((p) => [p, 0]));
			for (const id of drawn) {
				const paper = id.slice(0, id.indexOf('/'));
				// Every paper that still has unused cards has been asked at least as often as this one.
				for (const [other, n] of used) {
					if (n < inScope.get(other)!) expect(used.get(paper)!, `trial ${trial}: ${paper} before ${other}`).toBeLessThanOrEqual(n);
				}
				used.set(paper, used.get(paper)! + 1);
			}
		}
	});

	it('mixes papers: never the same paper twice in a row while another has cards left', () => {
		const rand = prng(3);
		for (let trial = 0; trial < 200; trial++) {
			const papers = 2 + Math.floor(rand() * 6);
			const scope = Array.from({ length: papers * 5 }, (_, i) => ({
				cardId: `p${i % papers}/c${i}`,
				paperId: `p${i % papers}`,
				recall: rand()
			}));
			const drawn = sampleQuestions(scope, scope.length, trial).map((id) => id.split('/')[0]);
			for (let i = 1; i < drawn.length; i++) expect(drawn[i], `trial ${trial} at ${i}`).not.toBe(drawn[i - 1]);
		}
	});

	it('asks cards likely forgotten more often, within a paper and across papers', () => {
		const weakFirst = Array.from({ length: 2000 }, (_, seed) =>
			sampleQuestions(
				[
					{ cardId: 'p/strong', paperId: 'p', recall: 0.9 },
					{ cardId: 'p/weak', paperId: 'p', recall: 0.1 }
				],
				1,
				seed
			)[0]
		).filter((id) => id === 'p/weak').length;
		// Weights 0.95 and 0.15: the weak card comes first 86% of the time.
		expect(weakFirst / 2000).toBeGreaterThan(0.8);
		expect(weakFirst / 2000).toBeLessThan(0.92);

		// Ten papers of one card each, five nearly forgotten and five well known: five questions.
		const scope = Array.from({ length: 10 }, (_, i) => ({ cardId: `p${i}/c`, paperId: `p${i}`, recall: i < 5 ? 0.05 : 0.95 }));
		let weak = 0;
		for (let seed = 0; seed < 1000; seed++) weak += sampleQuestions(scope, 5, seed).filter((id) => Number(id[1]) < 5).length;
		expect(weak / 5000).toBeGreaterThan(0.75);
	});

	it('asks everything, once each, when the scope is smaller than the interview', () => {
		const scope = randomScope(prng(4), 3, 3);
		expect(sampleQuestions(scope, 100, 1).sort()).toEqual(scope.map((c) => c.cardId).sort());
		expect(sampleQuestions([], 10, 1)).toEqual([]);
		expect(sampleQuestions(scope, 0, 1)).toEqual([]);
	});
});

describe('interview scopes', () => {
	const topics = new Map([
		['a', 'topic-1'],
		['b', 'topic-1'],
		['c', 'topic-2']
	]);
	const learned = (cardId: string, stabilityDays: number, extra: Partial<CardState> = {}): CardState => ({
		...newCardState(cardId),
		phase: Phase.Review,
		stability: stabilityDays,
		difficulty: 5,
		lastReviewMillis: NOW - 10 * DAY,
		lastReviewDay: studyDay(NOW - 10 * DAY, UTC_CLOCK),
		dueMillis: NOW + DAY,
		reps: 3,
		...extra
	});
	const recall = (s: CardState) => scheduler.retrievability(s, NOW);
	const states = [
		learned('a/1', 100),
		learned('a/2', 2),
		newCardState('a/3'),
		learned('b/1', 5, { phase: Phase.Relearning }),
		learned('b/2', 1, { suspended: true }),
		learned('c/1', 30),
		{ ...newCardState('c/2'), phase: Phase.Learning, lastReviewMillis: NOW - DAY, dueMillis: NOW }
	];

	it('takes the chosen topics and papers, new cards included at recall 0, never suspended cards', () => {
		const byTopic = interviewCandidates(states, { kind: 'chosen', topics: ['topic-1'], papers: [] }, topics, recall, 10);
		expect(byTopic.map((c) => c.cardId)).toEqual(['a/1', 'a/2', 'a/3', 'b/1']);
		expect(byTopic.find((c) => c.cardId === 'a/3')!.recall).toBe(0);
		expect(byTopic.find((c) => c.cardId === 'a/1')!.recall).toBeCloseTo(recall(states[0]!), 12);
		const both = interviewCandidates(states, { kind: 'chosen', topics: [], papers: ['c', 'b'] }, topics, recall, 10);
		expect(both.map((c) => c.cardId)).toEqual(['b/1', 'c/1', 'c/2']);
		expect(interviewCandidates(states, { kind: 'chosen', topics: [], papers: [] }, topics, recall, 10)).toEqual([]);
	});

	it('"everything I have learned" takes cards in review or relearning', () => {
		const all = interviewCandidates(states, { kind: 'learned' }, topics, recall, 10);
		expect(all.map((c) => c.cardId)).toEqual(['a/1', 'a/2', 'b/1', 'c/1']);
	});

	it('"my weakest" takes the learned cards least likely remembered, twice as many as the questions', () => {
		const weakest = interviewCandidates(states, { kind: 'weakest' }, topics, recall, 1);
		expect(weakest.map((c) => c.cardId)).toEqual(['a/2', 'b/1']);
		expect(weakest[0]!.recall).toBeLessThan(weakest[1]!.recall);
		expect(interviewCandidates(states, { kind: 'weakest' }, topics, recall, 10)).toHaveLength(4);
	});
});

describe('interview scores', () => {
	it('count Got it as 1, Partly as ½ and Missed as 0, per topic and per paper, weakest first', () => {
		const q = (cardId: string, topicId: string, grade: 1 | 2 | 3): GradedQuestion => ({ cardId, paperId: cardId.split('/')[0]!, topicId, grade });
		const result = scoreInterview([q('a/1', 't1', 3), q('a/2', 't1', 2), q('b/1', 't1', 1), q('c/1', 't2', 3), q('c/2', 't2', 3)]);
		expect(result.overall).toEqual({ id: '', questions: 5, missed: 1, partly: 1, gotIt: 3, score: 3.5 / 5 });
		expect(result.byTopic).toEqual([
			{ id: 't1', questions: 3, missed: 1, partly: 1, gotIt: 1, score: 0.5 },
			{ id: 't2', questions: 2, missed: 0, partly: 0, gotIt: 2, score: 1 }
		]);
		expect(result.byPaper.map((l) => [l.id, l.score])).toEqual([
			['b', 0],
			['a', 0.75],
			['c', 1]
		]);
		expect(scoreInterview([]).overall).toEqual({ id: '', questions: 0, missed: 0, partly: 0, gotIt: 0, score: 0 });
	});
});

describe('dueBy events ("add them to tomorrow\'s reviews")', () => {
	const learnedHistory = (id: string) => [review(id, NOW - 30 * DAY, 3), review(id, NOW - 30 * DAY + 10 * MINUTE, 3), review(id, NOW - 20 * DAY, 3, 'review')];

	it('bring a studied card forward, never back, and leave its memory as FSRS made it', () => {
		const learned = replayCard('p/c', learnedHistory('p/c'), scheduler);
		expect(learned.dueMillis).toBeGreaterThan(NOW + 2 * DAY);
		const tomorrow = NOW + DAY;
		const moved = reduceCard(learned, dueBy('p/c', NOW, tomorrow), scheduler);
		expect(moved).toEqual({ ...learned, dueMillis: tomorrow, lastEventMillis: NOW });
		// Never later than it was, and nothing for a new card (it has no schedule).
		expect(reduceCard(moved, dueBy('p/c', NOW + 1, tomorrow + 5 * DAY), scheduler).dueMillis).toBe(tomorrow);
		expect(reduceCard(newCardState('p/n'), dueBy('p/n', NOW, tomorrow), scheduler)).toEqual({ ...newCardState('p/n'), lastEventMillis: NOW });
	});

	it('make the next review an early one, graded by FSRS with the real elapsed time', () => {
		const history = learnedHistory('p/c');
		const tomorrow = NOW + DAY;
		const withDueBy = [...history, dueBy('p/c', NOW, tomorrow)];
		const next = review('p/c', tomorrow + MINUTE, 3, 'review');
		// The review after it is exactly what it would have been at that time without the event.
		expectSameSchedule(replayCard('p/c', [...withDueBy, next], scheduler), replayCard('p/c', [...history, next], scheduler));
		expect(fsrsItemsFromEvents([...withDueBy, next])).toEqual(fsrsItemsFromEvents([...history, next]));
	});

	it('replay as they fold incrementally, undo included, in random histories', () => {
		const rand = prng(11);
		for (let card = 0; card < 200; card++) {
			const id = `p/c${card}`;
			const events: CardEvent[] = [];
			let state = newCardState(id);
			let now = NOW - 200 * DAY;
			for (let step = 0; step < 20; step++) {
				now += 1 + Math.floor(rand() * (rand() < 0.5 ? 30 * MINUTE : 15 * DAY));
				const roll = rand();
				let e: CardEvent;
				if (roll < 0.2) e = dueBy(id, now, now + Math.floor(rand() * 5 * DAY));
				else if (roll < 0.28 && events.length > 0) e = undo(events[Math.floor(rand() * events.length)]!, now);
				else e = review(id, now, (1 + Math.floor(rand() * 4)) as Rating, reviewKindFor(state.phase));
				events.push(e);
				state = e.type === 'undo' ? replayCard(id, events, scheduler) : reduceCard(state, e, scheduler);
			}
			expect(replayCard(id, events, scheduler)).toEqual(state);
		}
	});

	it('pass backup validation with a due time, and nothing else', () => {
		const ok = dueBy('lora/freeze', NOW, NOW + DAY);
		expect(eventProblem(ok, NOW)).toBeNull();
		expect(eventProblem({ ...ok, dueMillis: undefined }, NOW)).toMatch(/dueMillis/);
		expect(eventProblem({ ...ok, dueMillis: 1.5 }, NOW)).toMatch(/dueMillis 1.5; it must be a time in whole milliseconds/);
		expect(eventProblem({ ...ok, rating: 3 }, NOW)).toMatch(/a field "rating" that dueBy events do not have/);
	});

	it('travel in backups: imported, they replay; a version-1 file (which has none) still reads', async () => {
		const deck = makeDeck(1, 2);
		const id = deck.cards[0]!.id;
		const backup: BackupFile = {
			format: BACKUP_FORMAT,
			schemaVersion: BACKUP_SCHEMA_VERSION,
			appVersion: 'test',
			exportedAtMillis: NOW,
			settings: DEFAULT_SETTINGS,
			custom: {},
			events: [...learnedHistory(id), dueBy(id, NOW - MINUTE, NOW + DAY)]
		};
		const text = serializeBackup(backup);
		const parsed = parseBackup(text, NOW);
		expect(parsed.ok).toBe(true);
		expect(parseBackup(text.replace(`"schemaVersion":${BACKUP_SCHEMA_VERSION}`, '"schemaVersion":1'), NOW).ok).toBe(true);
		const db = await testCollection(deck);
		await applyImport(db, parsed.ok ? parsed.backup : backup, { useSettings: false });
		expect((await db.states.get(id))!.dueMillis).toBe(NOW + DAY);
		expect(await rebuildStates(db, scheduler)).toEqual([]);
	});

	it('through storage: studied cards come due tomorrow, new ones and ones due sooner are left alone', async () => {
		const deck = makeDeck(1, 4);
		const db = await testCollection(deck);
		const [far, soon, fresh, gone] = deck.cards.map((c) => c.id) as [string, string, string, string];
		for (const e of learnedHistory(far)) await appendEvent(db, e, scheduler);
		await appendEvent(db, review(soon, NOW - HOUR_BEFORE, 1), scheduler);
		await db.states.update(gone, { queue: 'retired' });
		const { endMillis: tomorrowStart } = studyDayBounds(NOW, UTC_CLOCK);

		const outcomes = await scheduleDueBy(db, scheduler, [far, soon, fresh, gone], tomorrowStart, NOW);
		expect(Object.fromEntries(outcomes)).toEqual({ [far]: 'moved', [soon]: 'sooner', [fresh]: 'new', [gone]: 'gone' });
		expect((await db.states.get(far))!).toMatchObject({ dueMillis: tomorrowStart, availableMillis: tomorrowStart, queue: 'review' });
		expect(await rebuildStates(db, scheduler)).toEqual([]);
		// Tomorrow's review queue has it; today's does not.
		const day = (at: number) => {
			const b = studyDayBounds(at, UTC_CLOCK);
			return { nowMillis: at, dayStartMillis: b.startMillis, dayEndMillis: b.endMillis };
		};
		const limits = { newPerDay: 0, reviewsPerDay: 100, rolloverHour: 4 };
		expect((await loadStudyCards(db, day(NOW), limits)).reviews.map((r) => r.cardId)).toEqual([]);
		expect((await loadStudyCards(db, day(tomorrowStart + HOUR_BEFORE), limits)).reviews.map((r) => r.cardId)).toEqual([far]);
		// Done again, it adds nothing.
		const count = await db.events.count();
		expect(Object.fromEntries(await scheduleDueBy(db, scheduler, [far], tomorrowStart, NOW + 1))).toEqual({ [far]: 'sooner' });
		expect(await db.events.count()).toBe(count);
	});
});

const HOUR_BEFORE = 60 * MINUTE;

describe('studying chosen cards ("study missed cards now")', () => {
	it('loads exactly those cards whatever their due dates; one studied since then only when due again today', async () => {
		const deck = makeDeck(2, 4);
		const db = await testCollection(deck);
		const ids = deck.cards.map((c) => c.id);
		const [reviewCard, newCard, learningCard, suspended, other, studiedSince] = ids as [string, string, string, string, string, string];
		// Easy on a new card: in review, due in days (not today).
		for (const id of [reviewCard, studiedSince]) await appendEvent(db, review(id, NOW - DAY, 4), scheduler);
		await appendEvent(db, review(learningCard, NOW - 5 * MINUTE, 1), scheduler);
		await appendEvent(db, { id: eventId(), type: 'suspend', cardId: suspended, atMillis: NOW - DAY }, scheduler);
		const since = NOW - MINUTE;
		// Studied after the interview ended: Easy, so not due again today.
		await appendEvent(db, review(studiedSince, NOW, 4, 'review'), scheduler);
		const b = studyDayBounds(NOW, UTC_CLOCK);
		const window = { nowMillis: NOW, dayStartMillis: b.startMillis, dayEndMillis: b.endMillis };

		const chosen = [learningCard, reviewCard, newCard, suspended, studiedSince];
		const rows = await loadChosenCards(db, window, chosen, since);
		expect((await db.states.get(reviewCard))!.dueMillis).toBeGreaterThan(b.endMillis);
		expect(rows.reviews.map((r) => r.cardId)).toEqual([learningCard, reviewCard]);
		expect(rows.fresh.map((r) => r.cardId)).toEqual([newCard]);
		expect(rows.learning).toEqual([]);
		expect([...rows.learning, ...rows.reviews, ...rows.fresh].map((r) => r.cardId)).not.toContain(other);

		// The learning card answered in this session comes back when it is due again today.
		await appendEvent(db, review(learningCard, NOW + MINUTE, 1), scheduler);
		const again = await loadChosenCards(db, { ...window, nowMillis: NOW + 2 * MINUTE }, chosen, since);
		expect(again.learning.map((r) => r.cardId)).toEqual([learningCard]);
		expect(again.reviews.map((r) => r.cardId)).toEqual([reviewCard]);
	});
});
