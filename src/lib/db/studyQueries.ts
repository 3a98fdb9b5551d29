import Dexie from 'dexie';
import { countDoneToday } from '../core/countDoneToday.ts';
import { remainingLimits, type DoneToday } from '../core/studyQueue.ts';
import { excludedPapers, selectsEverything, type StudySelection } from '../core/studySelection.ts';
import { orderReviews } from '../core/reviewOrder.ts';
import type { CardState, StudySettings } from '../core/types.ts';
import { inPlanScope, planActive, type InterviewPlan, type ReviewOrder } from '../core/workload.ts';
import type { PaperdeckDatabase, QueueName, StateRow } from './database.ts';
import { PAPER_TOPICS_KEY } from './deckMetaKeys.ts';

export interface DayWindow {
	nowMillis: number;
	dayStartMillis: number;
	dayEndMillis: number;
}

/** Cards of `queue` that may be shown before `beforeMillis`, oldest first: an index range query. */
function available(db: PaperdeckDatabase, queue: QueueName, beforeMillis: number) {
	return db.states.where('[queue+availableMillis]').between([queue, Dexie.minKey], [queue, beforeMillis], true, false);
}

/** What today's limits have already used, and what was answered today. */
export async function doneToday(db: PaperdeckDatabase, day: DayWindow): Promise<DoneToday & { answered: number }> {
	const [events, newCards] = await Promise.all([
		db.events.where('atMillis').aboveOrEqual(day.dayStartMillis).toArray(),
		db.states.where('introducedMillis').aboveOrEqual(day.dayStartMillis).count()
	]);
	const { reviews, answered } = countDoneToday(events);
	return { reviews, newCards, answered };
}

/**
 * The papers whose new cards `selection` holds back, or null when it holds back none. Reads the
 * papers' topics only when a topic is turned off.
 */
export async function newCardExclusions(db: PaperdeckDatabase, selection: StudySelection | undefined): Promise<ReadonlySet<string> | null> {
	if (!selection || selectsEverything(selection)) return null;
	if (selection.disabledTopics.length === 0) return new Set(selection.disabledPapers);
	const row = await db.meta.get(PAPER_TOPICS_KEY);
	return excludedPapers(selection, (row?.value ?? {}) as Record<string, string>);
}

/**
 * New cards available now in study order, at most `limit`, none from the `excluded` papers. With
 * `first` (an interview plan's scope), that scope's cards come before the rest.
 */
async function nextNewCards(
	db: PaperdeckDatabase,
	day: DayWindow,
	limit: number,
	excluded: ReadonlySet<string> | null,
	first?: (paperId: string) => boolean
): Promise<StateRow[]> {
	if (limit <= 0) return [];
	const query = (keep: (s: StateRow) => boolean, n: number) =>
		db.states
			.where('[queue+newRank]')
			.between(['new', Dexie.minKey], ['new', Dexie.maxKey])
			.filter((s) => s.availableMillis <= day.nowMillis && keep(s))
			.limit(n)
			.toArray();
	if (!first) return query((s) => !excluded?.has(s.paperId), limit);
	// The plan's scope is studied even where the selection turned it off: the user asked for it.
	const scoped = await query((s) => first(s.paperId), limit);
	if (scoped.length >= limit) return scoped;
	return [...scoped, ...(await query((s) => !first(s.paperId) && !excluded?.has(s.paperId), limit - scoped.length))];
}

/** How today's reviews are ordered and whether an interview plan shapes the new cards. */
export interface QueueOptions {
	order: ReviewOrder;
	/** Predicted recall now (for the `recall` order). */
	recall: (s: CardState) => number;
	plan: InterviewPlan | null;
	/** The study day: seeds the `random` order, so a reload keeps it; ends the plan after its date. */
	day: number;
}

/** The most due reviews read to order them by something other than the due date. */
const ORDER_BATCH = 5000;

/** The most learning cards a session loads at once; any beyond come in the next session. */
const LEARNING_BATCH = 500;

/**
 * Everything a study session starts from: learning cards due today, due reviews up to what the review
 * limit leaves, and new cards up to what the new-card limit leaves, from the papers `selection` keeps
 * (reviews are never filtered). Each is an index query with a limit.
 */
export async function loadStudyCards(
	db: PaperdeckDatabase,
	day: DayWindow,
	limits: StudySettings,
	selection?: StudySelection,
	options?: QueueOptions
): Promise<{ learning: StateRow[]; reviews: StateRow[]; fresh: StateRow[] }> {
	return db.transaction('r', db.events, db.states, db.meta, async () => {
		const [done, excluded] = await Promise.all([doneToday(db, day), newCardExclusions(db, selection)]);
		const left = remainingLimits(limits, done);
		const plan = options && planActive(options.plan, options.day) ? options.plan : null;
		let first: ((paperId: string) => boolean) | undefined;
		if (plan) {
			const topics = ((await db.meta.get(PAPER_TOPICS_KEY))?.value ?? {}) as Record<string, string>;
			first = (p) => inPlanScope(plan, p, (id) => topics[id]);
		}
		const ordered = options && options.order !== 'due';
		const [learning, reviews, fresh] = await Promise.all([
			available(db, 'learning', day.dayEndMillis).limit(LEARNING_BATCH).toArray(),
			left.reviews > 0 ? available(db, 'review', day.dayEndMillis).limit(ordered ? Math.max(ORDER_BATCH, left.reviews) : left.reviews).toArray() : [],
			nextNewCards(db, day, left.newCards, excluded, first)
		]);
		if (!ordered || !options) return { learning, reviews, fresh };
		const sorted = orderReviews(reviews, options.order, { recall: options.recall, paperOf: (s) => s.paperId, seed: options.day });
		return { learning, reviews: sorted.slice(0, left.reviews), fresh };
	});
}

/**
 * One paper's cards to study now, regardless of daily limits: the learning and due ones first, then
 * new ones in order. (Choosing to study a paper is an explicit request; limits are for the daily mix.)
 */
export async function loadPaperCards(db: PaperdeckDatabase, day: DayWindow, paperId: string) {
	const rows = await db.states.where('paperId').equals(paperId).toArray();
	const due = (q: QueueName) => rows.filter((r) => r.queue === q && r.availableMillis < day.dayEndMillis);
	return {
		learning: due('learning'),
		reviews: due('review').sort((a, b) => a.availableMillis - b.availableMillis),
		fresh: rows.filter((r) => r.queue === 'new' && r.availableMillis <= day.nowMillis).sort((a, b) => a.newRank - b.newRank)
	};
}

/**
 * Exactly the cards `cardIds` (interview mode's "study missed cards now"), regardless of due dates and
 * limits: each one not studied since `sinceMillis` is shown now, in the order given; one studied since
 * (earlier in this session, before a reload) only if it is due again today, like any other card.
 */
export async function loadChosenCards(db: PaperdeckDatabase, day: DayWindow, cardIds: readonly string[], sinceMillis: number) {
	const rows = (await db.states.bulkGet([...cardIds])).filter(
		(r): r is StateRow => !!r && r.queue !== 'retired' && r.queue !== 'suspended'
	);
	const pending = rows.filter((r) => r.lastReviewMillis < sinceMillis);
	const again = rows.filter((r) => r.lastReviewMillis >= sinceMillis && r.availableMillis < day.dayEndMillis);
	return {
		learning: again.filter((r) => r.queue === 'learning'),
		reviews: [...pending.filter((r) => r.queue !== 'new'), ...again.filter((r) => r.queue === 'review')],
		fresh: pending.filter((r) => r.queue === 'new')
	};
}

export interface TodaySummary {
	/** Learning and review cards due today that today's review limit allows. */
	due: number;
	/** New cards today's new-card limit still allows (and that exist). */
	newAvailable: number;
	/** Answers given today. */
	answered: number;
}

/** The home screen's numbers: index counts, never a scan of the log. */
export async function todaySummary(
	db: PaperdeckDatabase,
	day: DayWindow,
	limits: StudySettings,
	selection?: StudySelection
): Promise<TodaySummary> {
	return db.transaction('r', db.events, db.states, db.meta, async () => {
		const [done, excluded] = await Promise.all([doneToday(db, day), newCardExclusions(db, selection)]);
		const left = remainingLimits(limits, done);
		const [learning, reviews, fresh] = await Promise.all([
			available(db, 'learning', day.dayEndMillis).count(),
			available(db, 'review', day.dayEndMillis).count(),
			nextNewCards(db, day, left.newCards, excluded)
		]);
		return { due: learning + Math.min(reviews, left.reviews), newAvailable: fresh.length, answered: done.answered };
	});
}
