/**
 * Workload control settings (issue 22): load balancing, easy days, review order and the interview
 * plan. Plain data with defaults; no scheduler here, so pages that only read settings stay light.
 */

/** A weekday's share of the review load: `normal`, `reduced` (about half) or `minimal` (almost none). */
export type DayShare = 'normal' | 'reduced' | 'minimal';
export const DAY_SHARES: readonly DayShare[] = ['normal', 'reduced', 'minimal'];

/** How the day's due reviews are ordered. */
export type ReviewOrder = 'due' | 'recall' | 'paper' | 'random';
export const REVIEW_ORDERS: readonly ReviewOrder[] = ['due', 'recall', 'paper', 'random'];

/** An interview on study day `day` covering these topics and papers. */
export interface InterviewPlan {
	/** The interview's study day (days since 1970-01-01 of its local date, like `studyDay`). */
	day: number;
	topics: string[];
	papers: string[];
}

export interface WorkloadSettings {
	/** Choose due dates inside the fuzz range on days with fewer reviews (Anki's load balancer). */
	loadBalancing: boolean;
	/** Each weekday's share, Sunday first (index = `weekdayOf(day)`). */
	easyDays: DayShare[];
	reviewOrder: ReviewOrder;
	/** The interview plan, or null. It ends by itself after its day. */
	interview: InterviewPlan | null;
}

export const DEFAULT_WORKLOAD_SETTINGS: WorkloadSettings = Object.freeze({
	loadBalancing: true,
	easyDays: Object.freeze(['normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'normal']) as unknown as DayShare[],
	reviewOrder: 'due',
	interview: null
});

/** The weekday of a study day, 0 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function weekdayOf(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

/** How much of a normal day's load a share asks for (Anki's easy days use the same idea). */
export function shareCapacity(share: DayShare): number {
	return share === 'normal' ? 1 : share === 'reduced' ? 0.5 : 0.1;
}

/** The study day of a local calendar date `YYYY-MM-DD` (study days are numbered by local date). */
export function dayOfDate(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return null;
	const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	return Number.isFinite(t) ? Math.round(t / 86_400_000) : null;
}

/** The `YYYY-MM-DD` of a study day. */
export function dateOfDay(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a paper is in an interview plan's scope. */
export function inPlanScope(plan: InterviewPlan, paperId: string, topicOf: (paperId: string) => string | undefined): boolean {
	if (plan.papers.includes(paperId)) return true;
	const topic = topicOf(paperId);
	return topic !== undefined && plan.topics.includes(topic);
}

/** Whether the plan still shapes scheduling on study day `day` (it ends by itself on its date). */
export function planActive(plan: InterviewPlan | null, day: number): plan is InterviewPlan {
	return !!plan && day < plan.day;
}
