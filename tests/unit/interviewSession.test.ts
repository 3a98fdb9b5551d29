import deckVersion from 'virtual:paperdeck-deck-version';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleQuestions } from '../../src/lib/core/interviewQuestions.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/settings.ts';
import { studyDayBounds } from '../../src/lib/core/studyDay.ts';
import { Phase } from '../../src/lib/core/types.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { PaperdeckDatabase, type StateRow } from '../../src/lib/db/database.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { InterviewSession, type InterviewLibrary } from '../../src/lib/state/interviewSession.svelte.ts';
import { openApp } from '../../src/lib/state/openApp.ts';
import { DAY, makeDeck, review, scheduler } from './factories.ts';

// The session opens the app's own database ('paperdeck') on fake-indexeddb, holding a small deck under
// the bundled deck's version (so no deck download is attempted): two topics, some cards learned.
const deck = makeDeck(6, 4);
deck.topics.push({ id: 'vision', name: 'Vision' });
for (const p of deck.papers.slice(4)) p.topic = 'vision';
const library: InterviewLibrary = {
	topics: deck.topics,
	papers: deck.papers.map(({ id, short, title, topic, summaryHtml }) => ({ id, short, title, topic, summaryHtml }))
};
const architecture = deck.cards.filter((c) => !c.paperId.match(/paper-[45]/)).map((c) => c.id);
const learned = architecture.filter((_, i) => i % 2 === 0);

beforeAll(async () => {
	const db = new PaperdeckDatabase();
	await reconcileDeck(db, { ...deck, version: deckVersion }, scheduler);
	await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(DEFAULT_SCHEDULER_SETTINGS) });
	const start = Date.now() - 20 * DAY;
	for (const id of learned) {
		await appendEvent(db, review(id, start, 4), scheduler);
		await appendEvent(db, review(id, start + 10 * DAY, 3, 'review'), scheduler);
	}
	db.close();
});
afterAll(async () => (await openApp()).db.delete());
afterEach(() => vi.restoreAllMocks());

const rows = async () => new Map((await (await openApp()).db.states.toArray()).map((r) => [r.cardId, r]));
const withoutLogEnd = (r: StateRow) => ({ ...r, lastEventMillis: 0 });

async function answerAll(session: InterviewSession, grades: (i: number) => 1 | 2 | 3): Promise<void> {
	let saved: Promise<void> = Promise.resolve();
	for (let i = 0; session.status === 'asking'; i++) {
		session.reveal();
		saved = session.grade(grades(i));
	}
	await saved;
}

describe('an interview session', () => {
	it('asks questions drawn from one topic, runs to its end screen, and changes no schedule', async () => {
		const before = await rows();
		const session = new InterviewSession(library);
		await session.load();
		session.toggleTopic('architecture', true);
		expect(session.candidates.map((c) => c.cardId).sort()).toEqual(architecture.slice().sort());
		expect(session.learnedInScope).toBe(learned.length);

		await session.start(7);
		expect(session.status).toBe('asking');
		expect(session.questions.map((q) => q.card.id)).toEqual(sampleQuestions(session.candidates, 10, 7));
		// Grading before the answer is shown does nothing.
		await session.grade(3);
		expect(session.index).toBe(0);

		await answerAll(session, (i) => ((i % 3) + 1) as 1 | 2 | 3);
		expect(session.status).toBe('finished');
		expect(session.saving).toBe(false);
		expect(session.result.overall).toMatchObject({ questions: 10, missed: 4, partly: 3, gotIt: 3 });
		expect(session.result.byTopic.map((l) => l.id)).toEqual(['architecture']);
		expect(session.missed.map((a) => a.card.id)).toEqual([0, 3, 6, 9].map((i) => session.questions[i]!.card.id));

		const { db } = await openApp();
		const crams = await db.events.filter((e) => e.type === 'review' && e.kind === 'cram').toArray();
		expect(crams).toHaveLength(10);
		const after = await rows();
		for (const [id, row] of before) expect(withoutLogEnd(after.get(id)!)).toEqual(withoutLogEnd(row));

		// The review of exactly the missed cards, from when the interview ended.
		const href = new URL(session.studyMissedHref, 'http://x');
		expect(href.pathname).toBe('/review');
		expect(href.searchParams.get('cards')!.split(',')).toEqual(session.missed.map((a) => a.card.id));
		expect(Number(href.searchParams.get('since'))).toBe(session.finishedAtMillis);
	});

	it('adds the missed cards to tomorrow\'s reviews: learned ones come due then, new ones are said to be new', async () => {
		const session = new InterviewSession(library);
		await session.load();
		session.scopeKind = 'learned';
		session.count = 10;
		await session.start(3);
		await answerAll(session, () => 1);
		await session.addMissedToTomorrow();
		const { db, clock } = await openApp();
		const tomorrow = studyDayBounds(Date.now(), clock).endMillis;
		expect(session.tomorrowCounts.moved + session.tomorrowCounts.sooner).toBe(session.missed.length);
		for (const a of session.missed) expect((await db.states.get(a.card.id))!.dueMillis).toBeLessThanOrEqual(tomorrow);
		expect(await db.events.filter((e) => e.type === 'dueBy').count()).toBe(session.tomorrowCounts.moved);
		// Once is enough: the button is spent.
		await session.addMissedToTomorrow();
		expect(await db.events.filter((e) => e.type === 'dueBy').count()).toBe(session.tomorrowCounts.moved);
	});

	it('with "also count as reviews", sends missed learned cards to relearning and says so', async () => {
		const session = new InterviewSession(library);
		await session.load();
		session.scopeKind = 'chosen';
		session.toggleTopic('architecture', true);
		session.countAsReviews = true;
		await session.start(11);
		await answerAll(session, () => 1);
		const reviewed = session.missed.filter((a) => a.review);
		const learnedAsked = session.questions.filter((q) => learned.includes(q.card.id));
		expect(reviewed.map((a) => a.card.id).sort()).toEqual(learnedAsked.map((q) => q.card.id).sort());
		expect(reviewed.length).toBeGreaterThan(0);
		for (const a of reviewed) expect(a.review!.phase).toBe(Phase.Relearning);
		const { db } = await openApp();
		for (const a of reviewed) expect((await db.states.get(a.card.id))!.phase).toBe(Phase.Relearning);
	});

	it('ends when the time limit is up; the question on screen is not counted', async () => {
		const session = new InterviewSession(library);
		await session.load();
		session.toggleTopic('vision', true);
		session.minutes = 5;
		await session.start(1);
		try {
			expect(session.deadlineMillis! - session.nowMillis).toBe(5 * 60_000);
			session.reveal();
			await session.grade(3);
			session.tick(session.deadlineMillis! - 1);
			expect(session.status).toBe('asking');
			expect(session.remainingMillis).toBe(1);
			session.tick(session.deadlineMillis!);
			expect(session.status).toBe('finished');
			expect(session.timedOut).toBe(true);
			expect(session.result.overall.questions).toBe(1);
		} finally {
			session.stop();
		}
	});

	it('keeps an answer whose save failed and saves it again, never twice', async () => {
		const { db } = await openApp();
		const session = new InterviewSession(library);
		await session.load();
		session.toggleTopic('vision', true);
		await session.start(2);
		const crams = () => db.events.filter((e) => e.type === 'review' && e.kind === 'cram').count();
		const before = await crams();
		vi.spyOn(db.events, 'add').mockRejectedValueOnce(new Error('disk on fire'));
		session.reveal();
		await session.grade(2);
		expect(session.unsaved).toBe(1);
		expect(session.error).toMatch(/not saved \(disk on fire\)/);
		session.reveal();
		await session.grade(3);
		expect(await crams()).toBe(before + 1);
		await session.retrySaves();
		expect(session.unsaved).toBe(0);
		expect(await crams()).toBe(before + 2);
		await session.retrySaves();
		expect(await crams()).toBe(before + 2);
	});
});

// Last: it adds an own paper and card to the shared collection.
describe('interview mode with the user\'s own papers (issue 19)', () => {
	it('offers an own paper in its topic, asks its own cards, and shows its summary', async () => {
		const { appendContentEvents } = await import('../../src/lib/db/ownContentStore.ts');
		const { createOwnRenderer } = await import('../../src/lib/own/renderOwnMarkdown.ts');
		const { db } = await openApp();
		const at = Date.now() - DAY;
		await appendContentEvents(
			db,
			[
				{ id: 'own-p', cardId: 'u_mine/_paper', atMillis: at, type: 'paperSet', title: 'My paper', short: 'Mine', year: 2025, arxiv: '', url: '', topic: 'vision', buildsOn: '', summary: 'It **works**.' },
				{ id: 'own-c', cardId: 'u_mine/u_one', atMillis: at + 1, type: 'cardSet', cardType: 'basic', prompt: 'Why?', answer: 'Because.', note: '' }
			],
			createOwnRenderer(null),
			scheduler
		);
		const session = new InterviewSession(library);
		expect(session.papersOf('vision').map((p) => p.id)).not.toContain('u_mine');
		await session.load();
		expect(session.papersOf('vision').map((p) => p.id)).toContain('u_mine');
		expect(session.paperShort('u_mine')).toBe('Mine');
		session.togglePaper('u_mine', true);
		expect(session.candidates.map((c) => c.cardId)).toEqual(['u_mine/u_one']);
		await session.start(1);
		expect(session.questions).toHaveLength(1);
		expect(session.current!.paper).toMatchObject({ id: 'u_mine', title: 'My paper', topic: 'vision' });
		expect(session.current!.paper.summaryHtml).toContain('<strong>works</strong>');
		expect(session.current!.topic.id).toBe('vision');
		session.stop();
	});
});
