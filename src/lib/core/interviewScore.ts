/** An interview self-grade, logged as the cram answer's rating: 1 Missed, 2 Partly, 3 Got it. */
export type InterviewGrade = 1 | 2 | 3;
export const INTERVIEW_GRADES: readonly InterviewGrade[] = [1, 2, 3];

export interface GradedQuestion {
	cardId: string;
	paperId: string;
	topicId: string;
	grade: InterviewGrade;
}

/** How a set of questions (all, one topic's, one paper's) went. */
export interface ScoreLine {
	/** The topic's or paper's id ('' for the whole interview). */
	id: string;
	questions: number;
	missed: number;
	partly: number;
	gotIt: number;
	/** Got it counts 1, Partly ½, Missed 0: (gotIt + partly / 2) / questions; 0 with no questions. */
	score: number;
}

function line(id: string, graded: readonly GradedQuestion[]): ScoreLine {
	const n = (g: InterviewGrade) => graded.filter((q) => q.grade === g).length;
	const [missed, partly, gotIt] = [n(1), n(2), n(3)];
	return { id, questions: graded.length, missed, partly, gotIt, score: graded.length ? (gotIt + partly / 2) / graded.length : 0 };
}

/** Weakest first (that is what to study next), then the most asked, then by id. */
function byWeakness(a: ScoreLine, b: ScoreLine): number {
	return a.score - b.score || b.questions - a.questions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function grouped(graded: readonly GradedQuestion[], key: (q: GradedQuestion) => string): ScoreLine[] {
	const groups = new Map<string, GradedQuestion[]>();
	for (const q of graded) {
		const list = groups.get(key(q));
		if (list) list.push(q);
		else groups.set(key(q), [q]);
	}
	return [...groups].map(([id, list]) => line(id, list)).sort(byWeakness);
}

/** The end screen's scores: overall, per topic and per paper, the weakest topic and paper first. */
export function scoreInterview(graded: readonly GradedQuestion[]): { overall: ScoreLine; byTopic: ScoreLine[]; byPaper: ScoreLine[] } {
	return { overall: line('', graded), byTopic: grouped(graded, (q) => q.topicId), byPaper: grouped(graded, (q) => q.paperId) };
}
