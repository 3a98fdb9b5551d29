/**
 * Interview mode (/interview): choose a scope, answer questions drawn from it, grade yourself Missed /
 * Partly / Got it, and see where you stand. Answers are logged as `cram` reviews, which never change
 * scheduling; "also count as reviews" sends a missed learned card to relearning through the scheduler.
 * The page renders this state and calls its methods; the rules live in the core.
 */
import { sampleQuestions } from '../core/interviewQuestions.ts';
import { interviewCandidates, isLearned, type InterviewScope } from '../core/interviewScope.ts';
import { scoreInterview, type InterviewGrade } from '../core/interviewScore.ts';
import { studyDay, studyDayBounds } from '../core/studyDay.ts';
import type { CardState } from '../core/types.ts';
import type { Topic } from '../deck/deckTypes.ts';
import type { CardRow } from '../db/database.ts';
import { newEventId } from '../db/newEventId.ts';
import { loadCardTranslations, loadPaperTranslations, type TranslatedCard } from '../db/translationRows.ts';
import { recordInterviewAnswer, type InterviewAnswer } from '../db/recordInterviewAnswer.ts';
import { scheduleDueBy, type DueByOutcome } from '../db/scheduleDueBy.ts';
import { fromStateRow } from '../db/stateRow.ts';
import { topicName } from '../i18n/topicName.ts';
import { m } from '../paraglide/messages.js';
import { openApp, type AppServices } from './openApp.ts';

/**
 * The user's own papers (issue 19), shaped for interview mode; their summaries are rendered only when
 * there are any (the renderer, and KaTeX for math, load on demand). The deck's papers come prerendered.
 */
async function ownInterviewPapers(app: AppServices): Promise<InterviewPaper[]> {
	const { readOwnContent } = await import('../db/ownContentStore.ts');
	const papers = (await readOwnContent(app.db)).papers;
	if (papers.length === 0) return [];
	const [{ hasMath }, { loadOwnRenderer }] = await Promise.all([import('../core/foldOwnContent.ts'), import('../own/ownRenderer.ts')]);
	const render = await loadOwnRenderer(hasMath(papers.map((p) => p.summary)));
	return papers.map((p) => ({ id: p.id, short: p.short || p.title, title: p.title, topic: p.topic, summaryHtml: p.summary ? render(p.summary) : '' }));
}

/** A paper as interview mode needs it (from the library data). */
export interface InterviewPaper {
	id: string;
	short: string;
	title: string;
	topic: string;
	summaryHtml: string;
}

export interface InterviewLibrary {
	topics: Topic[];
	papers: InterviewPaper[];
}

export type ScopeKind = InterviewScope['kind'];
export type InterviewStatus = 'setup' | 'starting' | 'asking' | 'finished' | 'error';

export interface Question {
	card: CardRow;
	paper: InterviewPaper;
	topic: Topic;
}

export interface GivenAnswer extends Question {
	grade: InterviewGrade;
	/** What the person typed (kept only for this session, never stored). */
	typed: string;
	save: 'saving' | 'saved' | 'failed';
	/** The card's state after the Again review, when the miss also counted as a review. */
	review: CardState | null;
	record: InterviewAnswer;
}

export const QUESTION_COUNTS = [10, 20, 50] as const;
export const TIME_LIMITS_MINUTES = [0, 5, 10, 15, 20, 30, 45, 60] as const;

export class InterviewSession {
	// The setup form.
	scopeKind = $state<ScopeKind>('chosen');
	chosenTopics = $state<string[]>([]);
	chosenPapers = $state<string[]>([]);
	count = $state<number>(10);
	/** 0 for no time limit. */
	minutes = $state<number>(0);
	countAsReviews = $state(false);

	status = $state<InterviewStatus>('setup');
	/** The collection's card states are loaded (the scope's size is known). */
	ready = $state(false);
	error = $state<string | null>(null);

	questions = $state.raw<Question[]>([]);
	index = $state(0);
	revealed = $state(false);
	/** The answer typed for the question on screen (optional). */
	typed = $state('');
	answers = $state.raw<GivenAnswer[]>([]);
	/** When the time limit ends the interview, or null without one. */
	deadlineMillis = $state<number | null>(null);
	nowMillis = $state(0);
	timedOut = $state(false);
	finishedAtMillis = $state(0);
	/** What "add them to tomorrow's reviews" did, per card, once done. */
	tomorrow = $state.raw<ReadonlyMap<string, DueByOutcome> | null>(null);
	tomorrowBusy = $state(false);
	tomorrowCounts = $derived.by(() => {
		const counts: Record<DueByOutcome, number> = { moved: 0, sooner: 0, new: 0, suspended: 0, gone: 0 };
		for (const outcome of this.tomorrow?.values() ?? []) counts[outcome]++;
		return counts;
	});

	/** The deck's papers, and once the collection is read, the user's own papers after them. */
	library = $state.raw<InterviewLibrary>({ topics: [], papers: [] });

	/** The language to show cards in besides English (`zh-CN`), or null: interview mode follows the card language. */
	translateTo: string | null = null;
	/** The stored translations of the drawn questions' cards and of their papers' summaries. */
	translations = $state.raw<{ cards: ReadonlyMap<string, TranslatedCard>; summaries: ReadonlyMap<string, string> }>({
		cards: new Map(),
		summaries: new Map()
	});
	#papers: Map<string, InterviewPaper>;
	#topics: Map<string, Topic>;
	#paperTopics: Map<string, string>;
	#app: AppServices | null = null;
	#states = $state.raw<CardState[]>([]);
	#statesAtMillis = 0;
	#shownAtMillis = 0;
	#timer: ReturnType<typeof setInterval> | undefined;
	#saves: Promise<void> = Promise.resolve();

	constructor(library: InterviewLibrary) {
		this.library = library;
		this.#papers = new Map(library.papers.map((p) => [p.id, p]));
		this.#topics = new Map(library.topics.map((t) => [t.id, t]));
		this.#paperTopics = new Map(library.papers.map((p) => [p.id, p.topic]));
	}

	scope = $derived.by((): InterviewScope => {
		if (this.scopeKind === 'chosen') return { kind: 'chosen', topics: this.chosenTopics, papers: this.chosenPapers };
		return { kind: this.scopeKind };
	});

	/** The cards the interview may ask, with their predicted recall when the collection was read. */
	candidates = $derived.by(() => {
		const app = this.#app;
		if (!app || !this.ready) return [];
		const at = this.#statesAtMillis;
		return interviewCandidates(this.#states, this.scope, this.#paperTopics, (s) => app.scheduler.retrievability(s, at), this.count);
	});

	/** How many of the scope's cards are learned (the rest are new). */
	learnedInScope = $derived.by(() => {
		const ids = new Set(this.candidates.map((c) => c.cardId));
		return this.#states.filter((s) => ids.has(s.cardId) && isLearned(s)).length;
	});

	/** Learned cards in the whole collection ("everything I have learned" and "my weakest" need some). */
	learnedCount = $derived(this.#states.filter((s) => !s.suspended && isLearned(s)).length);

	current = $derived(this.status === 'asking' ? (this.questions[this.index] ?? null) : null);
	remainingMillis = $derived(this.deadlineMillis === null ? null : Math.max(0, this.deadlineMillis - this.nowMillis));
	saving = $derived(this.answers.some((a) => a.save === 'saving'));
	unsaved = $derived(this.answers.filter((a) => a.save === 'failed').length);
	result = $derived(
		scoreInterview(this.answers.map((a) => ({ cardId: a.card.id, paperId: a.paper.id, topicId: a.topic.id, grade: a.grade })))
	);
	missed = $derived(this.answers.filter((a) => a.grade === 1));
	/** Opens a review of exactly the missed cards (see `loadChosenCards`). */
	studyMissedHref = $derived(
		`/review?cards=${this.missed.map((a) => encodeURIComponent(a.card.id)).join(',')}&since=${this.finishedAtMillis}`
	);

	papersOf(topicId: string): InterviewPaper[] {
		return this.library.papers.filter((p) => p.topic === topicId);
	}

	topicName(topicId: string): string {
		const topic = this.#topics.get(topicId);
		return topic ? topicName(topic) : topicId;
	}

	paperShort(paperId: string): string {
		return this.#papers.get(paperId)?.short ?? paperId;
	}

	toggleTopic(topicId: string, on: boolean): void {
		this.chosenTopics = on ? [...new Set([...this.chosenTopics, topicId])] : this.chosenTopics.filter((t) => t !== topicId);
	}

	togglePaper(paperId: string, on: boolean): void {
		this.chosenPapers = on ? [...new Set([...this.chosenPapers, paperId])] : this.chosenPapers.filter((p) => p !== paperId);
	}

	/** Reads the collection's card states (for the scope's size, and the draw). */
	async load(): Promise<void> {
		try {
			const app = (this.#app = await openApp());
			const [rows, own] = await Promise.all([app.db.states.toArray(), ownInterviewPapers(app)]);
			this.#addPapers(own);
			this.#statesAtMillis = Date.now();
			this.#states = rows.filter((r) => r.queue !== 'retired' && this.#papers.has(r.paperId)).map(fromStateRow);
			this.ready = true;
		} catch (e) {
			this.status = 'error';
			this.error = m.common_open_collection_failed({ reason: (e as Error).message });
		}
	}

	/** Adds papers (the user's own) to the ones the scope may choose and the questions may come from. */
	#addPapers(papers: readonly InterviewPaper[]): void {
		const fresh = papers.filter((p) => !this.#papers.has(p.id));
		if (fresh.length === 0) return;
		for (const p of fresh) {
			this.#papers.set(p.id, p);
			this.#paperTopics.set(p.id, p.topic);
		}
		this.library = { topics: this.library.topics, papers: [...this.library.papers, ...fresh] };
	}

	/** Reads the stored translations of `cardIds` and their papers' summaries (none in English). */
	async #loadTranslations(app: AppServices, cardIds: readonly string[]): Promise<void> {
		const lang = this.translateTo;
		if (!lang) {
			this.translations = { cards: new Map(), summaries: new Map() };
			return;
		}
		const paperIds = [...new Set(cardIds.map((id) => id.slice(0, id.indexOf('/'))))];
		const [cards, summaries] = await Promise.all([loadCardTranslations(app.db, lang, cardIds), loadPaperTranslations(app.db, lang, paperIds)]);
		this.translations = { cards, summaries };
	}

	/** Reads the translations of the drawn questions again (new text was downloaded). */
	async reloadTranslations(): Promise<void> {
		if (this.#app && this.questions.length > 0) await this.#loadTranslations(this.#app, this.questions.map((q) => q.card.id));
	}

	/** Draws the questions (reproducibly for `seed`) and asks the first. */
	async start(seed = Date.now() % 2 ** 31): Promise<void> {
		const app = this.#app;
		if (!app || this.status !== 'setup') return;
		const ids = sampleQuestions(this.candidates, this.count, seed);
		if (ids.length === 0) return;
		this.status = 'starting';
		try {
			const [cards] = await Promise.all([app.db.cards.bulkGet(ids), this.#loadTranslations(app, ids)]);
			this.questions = cards.flatMap((card) => {
				const paper = card && this.#papers.get(card.paperId);
				return card && paper ? [{ card, paper, topic: this.#topics.get(paper.topic) ?? { id: paper.topic, name: paper.topic } }] : [];
			});
			this.answers = [];
			this.index = 0;
			this.timedOut = false;
			this.tomorrow = null;
			this.error = null;
			const now = Date.now();
			this.nowMillis = now;
			this.deadlineMillis = this.minutes > 0 ? now + this.minutes * 60_000 : null;
			if (this.deadlineMillis !== null) this.#timer = setInterval(() => this.tick(Date.now()), 1000);
			this.status = 'asking';
			this.#ask(now);
		} catch (e) {
			this.status = 'setup';
			this.error = m.interview_error_start({ reason: (e as Error).message });
		}
	}

	#ask(now: number): void {
		this.revealed = false;
		this.typed = '';
		this.#shownAtMillis = now;
	}

	/** The clock moved on: ends the interview when its time is up. */
	tick(now: number): void {
		this.nowMillis = now;
		if (this.status === 'asking' && this.deadlineMillis !== null && now >= this.deadlineMillis) this.finish(true);
	}

	reveal(): void {
		if (this.current) this.revealed = true;
	}

	/**
	 * Grades the question on screen and shows the next at once; the answer is written in the
	 * background, in order (see `recordInterviewAnswer`). Returns when this answer's save has settled.
	 */
	grade(grade: InterviewGrade): Promise<void> {
		const question = this.current;
		const app = this.#app;
		if (!question || !app || !this.revealed) return Promise.resolve();
		const now = Date.now();
		const record: InterviewAnswer = {
			ids: { cram: newEventId(), review: newEventId() },
			cardId: question.card.id,
			grade,
			atMillis: now,
			day: studyDay(now, app.clock),
			durationMillis: Math.max(0, now - this.#shownAtMillis),
			countAsReview: this.countAsReviews
		};
		const i = this.answers.length;
		this.answers = [...this.answers, { ...question, grade, typed: this.typed.trim(), save: 'saving', review: null, record }];
		this.index++;
		if (this.index >= this.questions.length) this.finish(false);
		else this.#ask(now);
		return this.#save(i);
	}

	/** Writes answer `i`, after every earlier save. */
	#save(i: number): Promise<void> {
		const app = this.#app!;
		const write = async () => {
			let update: Partial<GivenAnswer>;
			try {
				update = { save: 'saved', review: await recordInterviewAnswer(app.db, app.scheduler, this.answers[i]!.record) };
			} catch (e) {
				update = { save: 'failed' };
				this.error = m.interview_error_save({ reason: (e as Error).message });
			}
			this.answers = this.answers.map((a, j) => (j === i ? { ...a, ...update } : a));
		};
		return (this.#saves = this.#saves.then(write));
	}

	/** Saves the answers whose write failed again (same event ids, so none can be logged twice). */
	async retrySaves(): Promise<void> {
		this.error = null;
		const failed = this.answers.flatMap((a, i) => (a.save === 'failed' ? [i] : []));
		this.answers = this.answers.map((a) => (a.save === 'failed' ? { ...a, save: 'saving' } : a));
		await Promise.all(failed.map((i) => this.#save(i)));
	}

	/** Ends the interview (all asked, time up, or ended early); the question on screen is not counted. */
	finish(timedOut: boolean): void {
		if (this.status !== 'asking') return;
		clearInterval(this.#timer);
		this.timedOut = timedOut;
		this.finishedAtMillis = Date.now();
		this.status = 'finished';
	}

	/**
	 * Makes the missed cards due at the start of the next study day (a `dueBy` event each): their
	 * memory is left alone, so tomorrow's review of each is an early review FSRS grades as such.
	 */
	async addMissedToTomorrow(): Promise<void> {
		const app = this.#app;
		if (!app || this.tomorrowBusy || this.tomorrow) return;
		this.tomorrowBusy = true;
		try {
			await this.#saves;
			const now = Date.now();
			const tomorrowStart = studyDayBounds(now, app.clock).endMillis;
			this.tomorrow = await scheduleDueBy(app.db, app.scheduler, this.missed.map((a) => a.card.id), tomorrowStart, now);
		} catch (e) {
			this.error = m.interview_error_unchanged({ reason: (e as Error).message });
		} finally {
			this.tomorrowBusy = false;
		}
	}

	/** Back to the setup form, with the same choices, the collection read again. */
	async again(): Promise<void> {
		this.stop();
		await this.#saves;
		this.status = 'setup';
		this.questions = [];
		this.answers = [];
		this.deadlineMillis = null;
		this.ready = false;
		await this.load();
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
