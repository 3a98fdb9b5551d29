import type { QuestionCandidate } from './interviewQuestions.ts';
import { Phase, type CardState } from './types.ts';

/** What an interview asks about: chosen topics and papers, everything learned, or the weakest cards. */
export type InterviewScope =
	| { kind: 'chosen'; topics: readonly string[]; papers: readonly string[] }
	| { kind: 'learned' }
	| { kind: 'weakest' };

/** Past learning: in review, or relearning after a lapse (as the statistics count "learned"). */
export function isLearned(state: CardState): boolean {
	return state.phase === Phase.Review || state.phase === Phase.Relearning;
}

/** The paper a card belongs to (card ids are `<paper-id>/<slug>`). */
export function paperOfCard(cardId: string): string {
	return cardId.slice(0, cardId.indexOf('/'));
}

/** "My weakest" draws from this many of the least-remembered learned cards per question asked. */
export const WEAKEST_POOL_PER_QUESTION = 2;

/**
 * The cards an interview of `count` questions may ask: every unsuspended card of the scope, with its
 * predicted recall now (`recall`, 0 for a card never studied). `chosen` takes the cards of the chosen
 * papers and of every paper of the chosen topics, new cards included (cramming may meet a card for the
 * first time); `learned` takes every learned card; `weakest` the learned cards least likely to be
 * remembered now, twice as many as the questions, so the draw can still mix papers. `states` are the
 * cards of the deck (retired cards left out by the caller); `paperTopics` maps paper ids to topics.
 */
export function interviewCandidates(
	states: readonly CardState[],
	scope: InterviewScope,
	paperTopics: ReadonlyMap<string, string>,
	recall: (state: CardState) => number,
	count: number
): QuestionCandidate[] {
	const live = states.filter((s) => !s.suspended);
	const candidate = (s: CardState): QuestionCandidate => ({
		cardId: s.cardId,
		paperId: paperOfCard(s.cardId),
		recall: s.phase === Phase.New ? 0 : recall(s)
	});
	if (scope.kind === 'chosen') {
		const topics = new Set(scope.topics);
		const papers = new Set(scope.papers);
		return live
			.filter((s) => {
				const paper = paperOfCard(s.cardId);
				return papers.has(paper) || topics.has(paperTopics.get(paper) ?? '');
			})
			.map(candidate);
	}
	const learned = live.filter(isLearned).map(candidate);
	if (scope.kind === 'learned') return learned;
	learned.sort((a, b) => a.recall - b.recall || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
	return learned.slice(0, count * WEAKEST_POOL_PER_QUESTION);
}
