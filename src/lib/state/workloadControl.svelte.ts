/**
 * The workload controls of the home screen and /interview: the backlog (postpone, catch up, advance,
 * undo) and the interview plan (date, a scope of topics or of papers, the per-topic panel). Every rule
 * is in the core (backlog.ts, chooseDue.ts, planReadiness.ts); every write in db/workloadActions.ts.
 */
import { planReadiness, type TopicReadinessRow } from '../core/planReadiness.ts';
import { TextIndex } from '../core/textSearch.ts';
import { studyDay, studyDayStart } from '../core/studyDay.ts';
import type { CardState } from '../core/types.ts';
import { dateOfDay, dayOfDate, inPlanScope, planActive, type InterviewPlan } from '../core/workload.ts';
import { fromStateRow } from '../db/stateRow.ts';
import { paperTopics } from '../db/dueLoad.ts';
import { lastBatch, overdueCount, runBacklogAction, saveInterviewPlan, undoWorkloadBatch, type BacklogAction, type BatchInfo } from '../db/workloadActions.ts';
import { openApp } from './openApp.ts';
import { useSettings } from './useSettings.ts';

/** The two panels: backlog recovery (home screen) and "Prepare for a date" (home screen and /interview). */
export type WorkloadPanel = 'backlog' | 'plan';

/** A paper as the plan's paper picker shows it. */
export interface PlanPaper {
	id: string;
	short: string;
	title: string;
	topic: string;
}

/** What an interview plan covers: whole topics, or chosen papers. */
export type PlanScope = 'topics' | 'papers';

/** How many matching papers the picker lists at once (type more to narrow). */
export const PAPER_MATCHES_SHOWN = 12;

/** The library's papers, from the precached /library.json (fetched only when the picker needs them). */
async function libraryPapers(): Promise<PlanPaper[]> {
	const { loadLibraryIndex } = await import('./loadLibraryIndex.ts');
	return (await loadLibraryIndex(fetch)).papers.map(({ id, short, title, topic }) => ({ id, short, title, topic }));
}

export class WorkloadControl {
	overdue = $state(0);
	last = $state.raw<BatchInfo | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	/** The panel whose action failed (a failed load shows in the plan panel, on every page that has one). */
	errorIn = $state<WorkloadPanel>('plan');
	/** The last action's result, for the status line. */
	done = $state.raw<{ kind: BatchInfo['kind'] | 'undo'; count: number } | null>(null);
	postponeCount = $state(0);
	catchUpDays = $state(7);
	advanceCount = $state(20);

	topics = $state.raw<string[]>([]);
	plan = $state.raw<InterviewPlan | null>(null);
	planDate = $state('');
	planTopics = $state<string[]>([]);
	planScope = $state<PlanScope>('topics');
	planPapers = $state<string[]>([]);
	/** The paper picker's search text. */
	paperQuery = $state('');
	/** Every paper of the library, once the picker has loaded them (empty before). */
	papers = $state.raw<PlanPaper[]>([]);
	papersLoading = $state(false);
	rows = $state.raw<TopicReadinessRow[]>([]);
	newPerDay = $state(0);
	today = $state(0);
	planOn = $derived(planActive(this.plan, this.today));

	readonly #loadPapers: () => Promise<PlanPaper[]>;
	#index = $derived(new TextIndex(this.papers.map((p) => [p.short, p.title, p.id])));

	/** `loadPapers` gives the library's papers; a page that has them already (/interview) passes them. */
	constructor(loadPapers: () => Promise<PlanPaper[]> = libraryPapers) {
		this.#loadPapers = loadPapers;
	}

	/** The chosen papers first, then up to PAPER_MATCHES_SHOWN others matching the search. */
	paperChoices = $derived.by(() => {
		const chosen = new Set(this.planPapers);
		const byId = new Map(this.papers.map((p) => [p.id, p]));
		const picked = this.planPapers.map((id) => byId.get(id) ?? { id, short: id, title: '', topic: '' });
		const matches = this.#index
			.search(this.paperQuery)
			.map((i) => this.papers[i]!)
			.filter((p) => !chosen.has(p.id));
		return { picked, matches: matches.slice(0, PAPER_MATCHES_SHOWN), matchCount: matches.length };
	});

	async load(): Promise<void> {
		try {
			const app = await openApp();
			const now = Date.now();
			const day = studyDay(now, app.clock);
			this.today = day;
			this.newPerDay = app.settings.study.newPerDay;
			const [overdue, last, topics] = await Promise.all([overdueCount(app.db, studyDayStart(day, app.clock)), lastBatch(app.db), paperTopics(app.db)]);
			this.overdue = overdue;
			this.last = last;
			this.postponeCount = Math.max(0, overdue - app.settings.study.reviewsPerDay) || overdue;
			this.topics = [...new Set(Object.values(topics))].sort();
			this.plan = app.settings.workload.interview;
			if (this.plan) {
				this.planDate = dateOfDay(this.plan.day);
				this.planTopics = [...this.plan.topics];
				this.planPapers = [...this.plan.papers];
				this.planScope = this.plan.papers.length > 0 && this.plan.topics.length === 0 ? 'papers' : 'topics';
				if (this.planScope === 'papers') await this.#ensurePapers();
			} else if (!this.planDate) this.planDate = dateOfDay(day + 21);
			await this.#panel();
		} catch (e) {
			this.error = (e as Error).message;
			this.errorIn = 'plan';
		}
	}

	async #panel(): Promise<void> {
		const app = await openApp();
		const plan = this.plan;
		if (!plan || !planActive(plan, this.today)) {
			this.rows = [];
			return;
		}
		const topics = await paperTopics(app.db);
		const papers = Object.keys(topics).filter((p) => inPlanScope(plan, p, (id) => topics[id]));
		const rows = await app.db.states.where('paperId').anyOf(papers).toArray();
		const byTopic = new Map<string, CardState[]>();
		for (const r of rows) {
			if (r.queue === 'retired') continue;
			const t = topics[r.paperId] ?? '';
			if (!byTopic.has(t)) byTopic.set(t, []);
			byTopic.get(t)!.push(fromStateRow(r));
		}
		this.rows = planReadiness(byTopic, studyDayStart(plan.day, app.clock), plan.day - this.today, app.scheduler);
	}

	/** The new cards per day the plan needs, when more than the daily limit. */
	suggestedNewPerDay = $derived(this.rows.reduce((a, r) => a + r.newPerDay, 0));

	async run(action: BacklogAction): Promise<void> {
		await this.#act(async () => {
			const app = await openApp();
			const info = await runBacklogAction(app.db, app.scheduler, app.clock, action, Date.now());
			this.done = { kind: info.kind, count: info.count };
		}, 'backlog');
	}

	postpone = () => this.run({ kind: 'postpone', count: Math.max(0, Math.floor(this.postponeCount)) });
	catchUp = async () => {
		const app = await openApp();
		return this.run({
			kind: 'catchUp',
			days: Math.max(1, Math.floor(this.catchUpDays)),
			reviewsPerDay: app.settings.study.reviewsPerDay,
			easyDays: app.settings.workload.easyDays
		});
	};
	advance = () => this.run({ kind: 'advance', count: Math.max(0, Math.floor(this.advanceCount)) });

	async undo(): Promise<void> {
		const last = this.last;
		if (!last) return;
		await this.#act(async () => {
			const app = await openApp();
			const count = await undoWorkloadBatch(app.db, app.scheduler, last, Date.now());
			this.done = { kind: 'undo', count };
		}, 'backlog');
	}

	toggleTopic(topic: string, on: boolean): void {
		this.planTopics = on ? [...new Set([...this.planTopics, topic])] : this.planTopics.filter((t) => t !== topic);
	}

	togglePaper(paper: string, on: boolean): void {
		this.planPapers = on ? [...new Set([...this.planPapers, paper])] : this.planPapers.filter((p) => p !== paper);
	}

	/** Chooses whether the plan covers topics or papers; the paper picker loads the library on first use. */
	async setScope(scope: PlanScope): Promise<void> {
		this.planScope = scope;
		if (scope === 'papers') await this.#ensurePapers();
	}

	async #ensurePapers(): Promise<void> {
		if (this.papers.length > 0 || this.papersLoading) return;
		this.papersLoading = true;
		try {
			this.papers = await this.#loadPapers();
		} catch (e) {
			this.error = (e as Error).message;
			this.errorIn = 'plan';
		} finally {
			this.papersLoading = false;
		}
	}

	/** Saves the plan (date and its topics or papers) and brings forward the cards that would miss it. */
	async savePlan(): Promise<void> {
		const day = dayOfDate(this.planDate);
		const topics = this.planScope === 'topics' ? [...this.planTopics] : [];
		const papers = this.planScope === 'papers' ? [...this.planPapers] : [];
		if (day === null || day <= this.today || topics.length + papers.length === 0) {
			this.error = 'plan-invalid';
			this.errorIn = 'plan';
			return;
		}
		await this.#setPlan({ day, topics, papers });
	}

	clearPlan = () => this.#setPlan(null);

	async #setPlan(plan: InterviewPlan | null): Promise<void> {
		await this.#act(async () => {
			const app = await openApp();
			const info = await saveInterviewPlan(app.db, app.scheduler, app.clock, app.settings, plan, Date.now());
			// This page's services schedule with the plan from now on.
			await useSettings({ ...app.settings, workload: { ...app.settings.workload, interview: plan } });
			this.done = info ? { kind: 'plan', count: info.count } : null;
		}, 'plan');
	}

	async #act(work: () => Promise<void>, panel: WorkloadPanel): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = null;
		this.errorIn = panel;
		try {
			await work();
			await this.load();
		} catch (e) {
			this.error = (e as Error).message;
			this.errorIn = panel;
		} finally {
			this.busy = false;
		}
	}
}
