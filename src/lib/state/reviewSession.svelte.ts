/**
 * A review session: the queue, the card on screen, grading and undo. The page only renders this
 * state and calls its methods; every rule lives in the core, every write in the storage layer.
 */
import { addLoad, chooseDue, type DueLoad } from '../core/chooseDue.ts';
import { reviewKindFor } from '../core/events.ts';
import { reduceCard } from '../core/reduceCard.ts';
import { studyDay, studyDayBounds } from '../core/studyDay.ts';
import { StudyQueue, type QueueCounts } from '../core/studyQueue.ts';
import type { CardState, GradePreview, Rating, ReviewEvent, UndoEvent } from '../core/types.ts';
import { appendEvent, StaleCardError } from '../db/appendEvent.ts';
import type { CardRow } from '../db/database.ts';
import { watchForeignChanges } from '../db/foreignChanges.ts';
import { newEventId } from '../db/newEventId.ts';
import { fromStateRow, sameRow } from '../db/stateRow.ts';
import type { TranslatedCard } from '../db/translationRows.ts';
import { loadChosenCards, loadPaperCards, loadStudyCards } from '../db/studyQueries.ts';
import { loadDueLoad, paperTopics } from '../db/dueLoad.ts';
import { inPlanScope, planActive } from '../core/workload.ts';
import { m } from '../paraglide/messages.js';
import { adoptStoredSettings } from './adoptStoredSettings.ts';
import { openApp, type AppServices } from './openApp.ts';

export interface ShownCard {
	state: CardState;
	card: CardRow;
	shownAtMillis: number;
}

export type SessionStatus = 'loading' | 'studying' | 'finished' | 'error';

/** What to study: today's queue, one paper's cards, or chosen cards (see `loadChosenCards`). */
export interface SessionScope {
	paperId?: string;
	cardIds?: readonly string[];
	/** With `cardIds`: when the choice was made (cards studied since then are done). */
	sinceMillis?: number;
}

export class ReviewSession {
	status = $state<SessionStatus>('loading');
	current = $state.raw<ShownCard | null>(null);
	revealed = $state(false);
	previews = $state.raw<GradePreview[]>([]);
	counts = $state.raw<QueueCounts>({ learning: 0, review: 0, new: 0 });
	answered = $state(0);
	/** A message for the user when something failed; the card stays on screen. */
	error = $state<string | null>(null);
	/** A message that is not a failure (another tab answered the card on screen). */
	notice = $state<string | null>(null);
	/** When nothing is due now but a learning card comes back later today. */
	waitingUntilMillis = $state<number | null>(null);
	/**
	 * True while an undo or a refresh from another tab runs. A grade given meanwhile waits for it and
	 * applies only if the same card is still on screen, so nothing applies twice and no answer is lost.
	 */
	busy = $state(false);
	/** True while answers already given are still being written (a few milliseconds each). */
	saving = $state(false);

	/** The language to show cards in besides English (`zh-CN`), or null for English only. Set before `start`. */
	translateTo: string | null = null;
	/** The stored translations of the queue's cards, by card id. */
	translations = $state.raw<ReadonlyMap<string, TranslatedCard>>(new Map());

	canUndo = $derived(this.answered > 0 && !this.busy);
	remaining = $derived(this.counts.learning + this.counts.review + this.counts.new);

	#app: AppServices | null = null;
	#queue: StudyQueue | null = null;
	#cards = new Map<string, CardRow>();
	#history: { eventId: string; before: CardState }[] = [];
	#wake: ReturnType<typeof setTimeout> | undefined;
	#scope: SessionScope = {};
	/** What this tab wrote, so a change notification can tell another tab's writes from ours. */
	#own = { eventIds: new Set<string>(), cardIds: new Set<string>() };
	#stopWatching: (() => void) | null = null;
	#syncTimer: ReturnType<typeof setTimeout> | undefined;
	#finishedOnce = false;
	#saves: Promise<void> = Promise.resolve();
	#pendingSaves = 0;
	/** What waits for `busy` to end (grades given during a refresh). */
	#whenIdle: (() => void)[] = [];
	/** Review cards due per day (the load balancer's input), kept up to date as answers are given. */
	#load: DueLoad = new Map();
	#topics: Record<string, string> = {};

	async start(scope: SessionScope = {}): Promise<void> {
		this.#scope = scope;
		try {
			const app = (this.#app = await openApp());
			const now = Date.now();
			await this.#loadQueue(app, now);
			this.#showNext(now);
			// Another tab (or an import) may answer cards this queue holds: follow the shared database.
			this.#stopWatching = watchForeignChanges(app.db, this.#own, () => this.#scheduleSync());
		} catch (e) {
			this.status = 'error';
			this.error = (e as Error).message;
		}
	}

	/** Builds the queue from storage: today's cards, one paper's, or the chosen ones. */
	async #loadQueue(app: AppServices, now: number): Promise<void> {
		const { day, startMillis, endMillis } = studyDayBounds(now, app.clock);
		const window = { nowMillis: now, dayStartMillis: startMillis, dayEndMillis: endMillis };
		const { paperId, cardIds, sinceMillis } = this.#scope;
		const workload = app.settings.workload;
		[this.#load, this.#topics] = await Promise.all([loadDueLoad(app.db, app.clock), paperTopics(app.db)]);
		const rows = cardIds
			? await loadChosenCards(app.db, window, cardIds, sinceMillis ?? Infinity)
			: paperId
				? await loadPaperCards(app.db, window, paperId)
				: await loadStudyCards(app.db, window, app.settings.study, app.settings.selection, {
						order: workload.reviewOrder,
						recall: (s) => app.scheduler.retrievability(s, now),
						plan: workload.interview,
						day
					});
		const toStates = (list: typeof rows.learning) => list.map(fromStateRow);
		this.#queue = new StudyQueue({
			learning: toStates(rows.learning),
			reviews: toStates(rows.reviews),
			fresh: toStates(rows.fresh),
			dayEndMillis: endMillis
		});
		const missing = this.#queue.cardIds().filter((id) => !this.#cards.has(id));
		const [cards] = await Promise.all([app.db.cards.bulkGet(missing), this.#loadTranslations(app)]);
		for (const c of cards) if (c) this.#cards.set(c.id, c);
	}

	/** Reads the stored translations of the queue's cards (none when cards are read in English). */
	async #loadTranslations(app: AppServices): Promise<void> {
		const lang = this.translateTo;
		const ids = this.#queue?.cardIds() ?? [];
		if (!lang || ids.length === 0) {
			this.translations = new Map();
			return;
		}
		// Loaded only for readers of a translation: English reviews never fetch this code.
		const { loadCardTranslations } = await import('../db/translationRows.ts');
		this.translations = await loadCardTranslations(app.db, lang, ids);
	}

	/** Reads the translations again: the card language changed, or new text was downloaded. */
	async reloadTranslations(): Promise<void> {
		if (this.#app) await this.#loadTranslations(this.#app);
	}

	/**
	 * Shows the answer. Never refused while a refresh or an undo runs: showing text changes nothing
	 * stored, and a tap swallowed without a sign looks like a broken button (only grading waits).
	 */
	reveal(): void {
		if (this.current) this.revealed = true;
	}

	/**
	 * Grades the card on screen. The next card appears at once, in this same task: its state comes from
	 * the same pure fold the storage layer applies (`reduceCard`), so the screen never waits for
	 * IndexedDB. The write starts immediately and saves run in order; the stored result wins if it
	 * differs, and a failed save brings the card back on screen with the reason. `saving` is true until
	 * every answer given is stored. Returns when this answer's save has settled.
	 */
	grade(rating: Rating): Promise<void> {
		const shown = this.current;
		const app = this.#app;
		if (!shown || !app || !this.revealed) return Promise.resolve();
		if (this.busy) {
			return new Promise<void>((idle) => this.#whenIdle.push(idle)).then(() => {
				const still = this.current;
				if (still && still.state.cardId === shown.state.cardId && still.shownAtMillis === shown.shownAtMillis) return this.grade(rating);
			});
		}
		const now = Date.now();
		const day = studyDay(now, app.clock);
		const workload = app.settings.workload;
		const plan = planActive(workload.interview, day) ? workload.interview : null;
		const inPlan = plan && inPlanScope(plan, shown.card.paperId, (p) => this.#topics[p]);
		const event: ReviewEvent = {
			id: newEventId(),
			type: 'review',
			cardId: shown.state.cardId,
			atMillis: now,
			rating,
			kind: reviewKindFor(shown.state.phase),
			day,
			durationMillis: Math.max(0, now - shown.shownAtMillis),
			// Load balancing, easy days and the interview plan: chosen now, recorded in the event.
			...chooseDue(shown.state, rating, now, day, {
				scheduler: app.scheduler,
				clock: app.clock,
				workload,
				load: this.#load,
				planDay: inPlan ? plan.day : null
			})
		};
		this.#own.eventIds.add(event.id);
		this.#own.cardIds.add(event.cardId);
		const predicted = reduceCard(shown.state, event, app.scheduler);
		addLoad(this.#load, shown.state, app.clock, -1);
		addLoad(this.#load, predicted, app.clock, 1);
		this.#history.push({ eventId: event.id, before: shown.state });
		this.#queue!.answered(shown.state.cardId, predicted);
		this.answered++;
		this.error = null;
		this.notice = null;
		this.#showNext(now);
		return this.#save(async () => {
			try {
				const stored = await appendEvent(app.db, event, app.scheduler, shown.state.lastEventMillis);
				// Only differs when the log held something this tab had not seen (a clock set back): take it.
				if (!sameRow(stored, predicted) && this.#queue) {
					this.#queue.answered(event.cardId, stored);
					this.counts = this.#queue.counts();
				}
			} catch (e) {
				this.#history = this.#history.filter((h) => h.eventId !== event.id);
				this.answered--;
				if (e instanceof StaleCardError) {
					// Not a failure: the other tab's answer stands, and this one would have counted twice.
					this.notice = m.review_notice_other_tab();
					const row = await app.db.states.get(event.cardId);
					if (row) this.#queue!.answered(event.cardId, fromStateRow(row));
					if (!this.current) this.#showNext(Date.now());
					else this.counts = this.#queue!.counts();
				} else {
					// Back on screen, question side up, to be answered again.
					this.error = failureMessage(e, 'answer');
					this.#queue!.showNext(shown.state);
					this.#showNext(Date.now());
				}
			}
		});
	}

	/** Runs `write` after every earlier save, keeping `saving` true while any is pending. */
	#save(write: () => Promise<void>): Promise<void> {
		this.#pendingSaves++;
		this.saving = true;
		const done = this.#saves.then(write).finally(() => {
			if (--this.#pendingSaves === 0) this.saving = false;
		});
		this.#saves = done;
		return done;
	}

	/** Takes back the session's last grade: the card returns, in the state it had before. */
	async undo(): Promise<void> {
		const app = this.#app;
		const last = this.#history[this.#history.length - 1];
		if (!app || !last || this.busy) return;
		this.busy = true;
		// Undo acts on what is stored: let the answers already given reach the database first.
		await this.#saves;
		if (this.#history[this.#history.length - 1] !== last) {
			this.#idle();
			return; // that answer's save failed and was taken back already
		}
		const now = Date.now();
		const event: UndoEvent = { id: newEventId(), type: 'undo', cardId: last.before.cardId, atMillis: now, targetId: last.eventId };
		this.#own.eventIds.add(event.id);
		this.#own.cardIds.add(event.cardId);
		try {
			const restored = await appendEvent(app.db, event, app.scheduler);
			this.#history.pop();
			this.#queue!.showNext(restored);
			this.answered--;
			this.error = null;
			this.notice = null;
			this.#showNext(now);
		} catch (e) {
			this.error = failureMessage(e, 'undo');
		} finally {
			this.#idle();
		}
	}

	#idle(): void {
		this.busy = false;
		for (const waiting of this.#whenIdle.splice(0)) waiting();
	}

	stop(): void {
		clearTimeout(this.#wake);
		clearTimeout(this.#syncTimer);
		this.#stopWatching?.();
		this.#stopWatching = null;
	}

	/** Coalesces a burst of change notifications into one refresh, after any grade in flight. */
	#scheduleSync(): void {
		clearTimeout(this.#syncTimer);
		this.#syncTimer = setTimeout(() => void this.#sync(), 50);
	}

	/**
	 * Another tab (or an import) changed the collection: rebuild the queue from storage. The card on
	 * screen stays (answer shown or not) unless it was answered elsewhere, in which case the next one
	 * comes with a notice. Grading waits while this runs, so no answer is given on a stale queue.
	 */
	async #sync(): Promise<void> {
		const app = this.#app;
		if (!app || this.status === 'loading' || this.status === 'error') return;
		if (this.busy || this.saving) return this.#scheduleSync();
		this.busy = true;
		try {
			// New settings elsewhere come with rebuilt states: schedule this tab's answers with them too.
			await adoptStoredSettings(app);
			const now = Date.now();
			const shown = this.current;
			const [stored] = shown ? await app.db.states.bulkGet([shown.state.cardId]) : [undefined];
			await this.#loadQueue(app, now);
			if (shown && stored && sameRow(fromStateRow(stored), shown.state)) {
				this.#queue!.showNext(shown.state);
				this.counts = this.#queue!.counts();
				this.previews = app.scheduler.preview(shown.state, now, studyDay(now, app.clock));
			} else {
				if (shown) this.notice = m.review_notice_other_tab_next();
				this.#showNext(now);
			}
		} catch (e) {
			this.error = m.review_refresh_failed({ reason: (e as Error).message });
		} finally {
			this.#idle();
		}
	}

	#showNext(now: number): void {
		const queue = this.#queue!;
		const app = this.#app!;
		clearTimeout(this.#wake);
		let next = queue.next(now);
		// A card whose text is missing (retired by a newer deck in another tab) is skipped, not shown blank.
		while (next && !this.#cards.has(next.cardId)) {
			queue.remove(next.cardId);
			next = queue.next(now);
		}
		this.counts = queue.counts();
		this.revealed = false;
		if (!next) {
			this.current = null;
			this.previews = [];
			this.status = 'finished';
			if (this.answered > 0 && !this.#finishedOnce) {
				this.#finishedOnce = true;
				// After a completed session (never on first paint): ask to keep storage, take a snapshot.
				void import('./afterSession.ts').then((m) => m.afterSession(app));
			}
			this.waitingUntilMillis = queue.nextLearningDueMillis();
			if (this.waitingUntilMillis !== null) {
				// Come back when the learning card enters the learn-ahead window.
				const delay = Math.max(1000, this.waitingUntilMillis - now - 20 * 60_000);
				this.#wake = setTimeout(() => this.#showNext(Date.now()), Math.min(delay, 2 ** 31 - 1));
			}
			return;
		}
		this.waitingUntilMillis = null;
		this.current = { state: next, card: this.#cards.get(next.cardId)!, shownAtMillis: now };
		this.previews = app.scheduler.preview(next, now, studyDay(now, app.clock));
		this.status = 'studying';
	}
}

/** A failed write, said plainly: what happened, and that the card is still here to try again. */
function failureMessage(e: unknown, action: 'answer' | 'undo'): string {
	const err = e as Error & { inner?: Error };
	if ((err.inner?.name ?? err.name) === 'QuotaExceededError') {
		return action === 'answer' ? m.review_fail_answer_quota() : m.review_fail_undo_quota();
	}
	return action === 'answer' ? m.review_fail_answer({ reason: err.message }) : m.review_fail_undo({ reason: err.message });
}
