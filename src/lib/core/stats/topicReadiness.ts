import { Phase, type CardState } from '../types.ts';

export interface TopicReadiness {
	topicId: string;
	name: string;
	cards: number;
	/** Cards past learning (in review, or relearning after a lapse). */
	learned: number;
	/** Mean predicted recall now of the learned cards, or null when none is learned. */
	meanRecall: number | null;
}

/**
 * The interview-prep view: for each topic (in the deck's order), how much of it is learned and how
 * well the learned part is remembered right now. A card's topic is its paper's (card ids are
 * `<paper-id>/<slug>`); cards of papers not in `paperTopics` are ignored.
 */
export function topicReadiness(
	states: readonly CardState[],
	topics: readonly { id: string; name: string }[],
	paperTopics: ReadonlyMap<string, string>,
	nowMillis: number,
	recall: (state: CardState, nowMillis: number) => number
): TopicReadiness[] {
	const rows = new Map(topics.map((t) => [t.id, { topicId: t.id, name: t.name, cards: 0, learned: 0, recallSum: 0 }]));
	for (const s of states) {
		const topic = paperTopics.get(s.cardId.slice(0, s.cardId.indexOf('/')));
		const row = topic === undefined ? undefined : rows.get(topic);
		if (!row) continue;
		row.cards++;
		if (s.phase === Phase.Review || s.phase === Phase.Relearning) {
			row.learned++;
			row.recallSum += recall(s, nowMillis);
		}
	}
	return [...rows.values()].map(({ recallSum, ...r }) => ({ ...r, meanRecall: r.learned ? recallSum / r.learned : null }));
}
