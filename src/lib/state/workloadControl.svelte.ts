/**
 * The home screen's workload controls: the backlog (postpone, catch up, advance, undo) and the
 * interview plan (date, topics, the per-topic panel). Every rule is in the core
 * (backlog.ts, chooseDue.ts, planReadiness.ts); every write in db/workloadActions.ts.
 */
import { planReadiness, type TopicReadinessRow } from '../core/planReadiness.ts';
import { studyDay, studyDayStart } from '../core/studyDay.ts';
import type { CardState } from '../core/types.ts';
import { dateOfDay, dayOfDate, inPlanScope, planActive, type InterviewPlan } from '../core/workload.ts';
import { fromStateRow } from '../db/stateRow.ts';
import { lastBatch, overdueCount, paperTopics, runBacklogAction, saveInterviewPlan, undoWorkloadBatch, type BacklogAction, type BatchInfo } from '../db/workloadActions.ts';
import { openApp } from './openApp.ts';
import { useSettings } from './useSettings.ts';

export class WorkloadControl {
	overdue = $state(0);
	last = $state.raw<BatchInfo | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	/** The last action's result, for the status line. */
	done = $state.raw<{ kind: BatchInfo['kind'] | 'undo'; count: number } | null>(null);
	postponeCount = $state(0);
	catchUpDays = $state(7);
	advanceCount = $state(20);

	topics = $state.raw<string[]>([]);
	plan = $state.raw<InterviewPlan | null>(null);
	planDate = $state('');
	planTopics = $state<string[]>([]);
	rows = $state.raw<TopicReadinessRow[]>([]);
	newPerDay = $state(0);
	today = $state(0);
	planOn = $derived(planActive(this.plan, this.today));

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
			} else if (!this.planDate) this.planDate = dateOfDay(day + 21);
			await this.#panel();
		} catch (e) {
			this.error = (e as Error).message;
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
		});
	}

	postpone = () => this.run({ kind: 'postpone', count: Math.max(0, Math.floor(this.postponeCount)) });
	catchUp = async () => {
		const app = await openApp();
		return this.run({ kind: 'catchUp', days: Math.max(1, Math.floor(this.catchUpDays)), reviewsPerDay: app.settings.study.reviewsPerDay });
	};
	advance = () => this.run({ kind: 'advance', count: Math.max(0, Math.floor(this.advanceCount)) });

	async undo(): Promise<void> {
		const last = this.last;
		if (!last) return;
		await this.#act(async () => {
			const app = await openApp();
			const count = await undoWorkloadBatch(app.db, app.scheduler, last, Date.now());
			this.done = { kind: 'undo', count };
		});
	}

	toggleTopic(topic: string, on: boolean): void {
		this.planTopics = on ? [...new Set([...this.planTopics, topic])] : this.planTopics.filter((t) => t !== topic);
	}

	/** Saves the plan (date and topics) and brings forward the cards that would miss it. */
	async savePlan(): Promise<void> {
		const day = dayOfDate(this.planDate);
		if (day === null || day <= this.today || this.planTopics.length === 0) {
			this.error = 'plan-invalid';
			return;
		}
		await this.#setPlan({ day, topics: [...this.planTopics], papers: [] });
	}

	clearPlan = () => this.#setPlan(null);

	async #setPlan(plan: InterviewPlan | null): Promise<void> {
		await this.#act(async () => {
			const app = await openApp();
			const info = await saveInterviewPlan(app.db, app.scheduler, app.clock, app.settings, plan, Date.now());
			// This page's services schedule with the plan from now on.
			await useSettings({ ...app.settings, workload: { ...app.settings.workload, interview: plan } });
			this.done = info ? { kind: 'plan', count: info.count } : null;
		});
	}

	async #act(work: () => Promise<void>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			await work();
			await this.load();
		} catch (e) {
			this.error = (e as Error).message;
		} finally {
			this.busy = false;
		}
	}
}
