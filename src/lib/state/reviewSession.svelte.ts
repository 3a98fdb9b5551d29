/**
 * A review session: the queue, the card on screen, grading and undo. The page only renders this
 * state and calls its methods; every rule lives in the core, every write in the storage layer.
 */
import { reviewKindFor } from '../core/events.ts';
import { studyDay, studyDayBounds } from '../core/studyDay.ts';
import { StudyQueue, type QueueCounts } from '../core/studyQueue.ts';
import type { CardState, GradePreview, Rating, ReviewEvent, UndoEvent } from '../core/types.ts';
import { appendEvent, StaleCardError } from '../db/appendEvent.ts';
import type { CardRow } from '../db/database.ts';
import { newEventId } from '../db/newEventId.ts';
import { fromStateRow } from '../db/stateRow.ts';
import { loadPaperCards, loadStudyCards } from '../db/studyQueries.ts';
import { openApp, type AppServices } from './openApp.ts';

export interface ShownCard {
	state: CardState;
	card: CardRow;
	shownAtMillis: number;
}

export type SessionStatus = 'loading' | 'studying' | 'finished' | 'error';

/** What to study: today's queue, or one paper's cards. */
export interface SessionScope {
	paperId?: string;
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
	/** When nothing is due now but a learning card comes back later today. */
	waitingUntilMillis = $state<number | null>(null);
	/** True while a grade or undo is being saved: further input is ignored, so nothing is applied twice. */
	busy = $state(false);

	canUndo = $derived(this.answered > 0 && !this.busy);
	remaining = $derived(this.counts.learning + this.counts.review + this.counts.new);

	#app: AppServices | null = null;
	#queue: StudyQueue | null = null;
	#cards = new Map<string, CardRow>();
	#history: { eventId: string; before: CardState }[] = [];
	#wake: ReturnType<typeof setTimeout> | undefined;

	async start(scope: SessionScope = {}): Promise<void> {
		try {
			const app = (this.#app = await openApp());
			const now = Date.now();
			const { startMillis, endMillis } = studyDayBounds(now, app.clock);
			const window = { nowMillis: now, dayStartMillis: startMillis, dayEndMillis: endMillis };
			const rows = scope.paperId
				? await loadPaperCards(app.db, window, scope.paperId)
				: await loadStudyCards(app.db, window, app.settings.study, app.settings.selection);
			const toStates = (list: typeof rows.learning) => list.map(fromStateRow);
			this.#queue = new StudyQueue({
				learning: toStates(rows.learning),
				reviews: toStates(rows.reviews),
				fresh: toStates(rows.fresh),
				dayEndMillis: endMillis
			});
			const cards = await app.db.cards.bulkGet(this.#queue.cardIds());
			for (const c of cards) if (c) this.#cards.set(c.id, c);
			this.#showNext(now);
		} catch (e) {
			this.status = 'error';
			this.error = (e as Error).message;
		}
	}

	reveal(): void {
		if (this.current && !this.busy) this.revealed = true;
	}

	async grade(rating: Rating): Promise<void> {
		const shown = this.current;
		const app = this.#app;
		if (!shown || !app || !this.revealed || this.busy) return;
		this.busy = true;
		const now = Date.now();
		const event: ReviewEvent = {
			id: newEventId(),
			type: 'review',
			cardId: shown.state.cardId,
			atMillis: now,
			rating,
			kind: reviewKindFor(shown.state.phase),
			day: studyDay(now, app.clock),
			durationMillis: Math.max(0, now - shown.shownAtMillis)
		};
		try {
			const after = await appendEvent(app.db, event, app.scheduler, shown.state.lastEventMillis);
			this.#history.push({ eventId: event.id, before: shown.state });
			this.#queue!.answered(shown.state.cardId, after);
			this.answered++;
			this.error = null;
			this.#showNext(now);
		} catch (e) {
			if (e instanceof StaleCardError) await this.#refreshCard(shown.state.cardId, now);
			this.error = `Your answer was not saved: ${(e as Error).message}`;
		} finally {
			this.busy = false;
		}
	}

	/** Takes back the session's last grade: the card returns, in the state it had before. */
	async undo(): Promise<void> {
		const app = this.#app;
		const last = this.#history[this.#history.length - 1];
		if (!app || !last || this.busy) return;
		this.busy = true;
		const now = Date.now();
		const event: UndoEvent = { id: newEventId(), type: 'undo', cardId: last.before.cardId, atMillis: now, targetId: last.eventId };
		try {
			const restored = await appendEvent(app.db, event, app.scheduler);
			this.#history.pop();
			this.#queue!.showNext(restored);
			this.answered--;
			this.error = null;
			this.#showNext(now);
		} catch (e) {
			this.error = `Undo failed: ${(e as Error).message}`;
		} finally {
			this.busy = false;
		}
	}

	stop(): void {
		clearTimeout(this.#wake);
	}

	/** Another tab changed this card: take its stored state and show it again. */
	async #refreshCard(cardId: string, now: number): Promise<void> {
		const row = await this.#app!.db.states.get(cardId);
		if (row) this.#queue!.answered(cardId, fromStateRow(row));
		this.#showNext(now);
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
