/**
 * Which papers feed new cards, and in what order. Reviews are never filtered: turning a topic off
 * stops it from introducing cards, while what was already learned keeps being scheduled (suspend a
 * card to stop that).
 */

/**
 * The order new cards are introduced in. Every order keeps foundations before the papers that build
 * on them; they differ in what comes first among the papers that are ready.
 * - `default`: essential (tier 1) papers first, topic by topic, as the deck is compiled;
 * - `tier`: tier by tier, oldest first across topics;
 * - `lineage`: oldest first regardless of tier (the field's history);
 * - `random`: shuffled with `randomSeed`, so the order stays put until the user reshuffles.
 */
export type NewCardOrder = 'default' | 'tier' | 'lineage' | 'random';

export const NEW_CARD_ORDERS: readonly NewCardOrder[] = ['default', 'tier', 'lineage', 'random'];

export interface StudySelection {
	/** Topic ids whose papers introduce no new cards. */
	disabledTopics: readonly string[];
	/** Paper ids that introduce no new cards (whatever their topic). */
	disabledPapers: readonly string[];
	newCardOrder: NewCardOrder;
	/** Seed of the `random` order, drawn when the user picks it. */
	randomSeed: number;
}

export const DEFAULT_STUDY_SELECTION: StudySelection = Object.freeze({
	disabledTopics: Object.freeze([]),
	disabledPapers: Object.freeze([]),
	newCardOrder: 'default',
	randomSeed: 0
});

/** True when the selection turns nothing off (the usual case: no lookup of papers' topics needed). */
export function selectsEverything(selection: StudySelection): boolean {
	return selection.disabledTopics.length === 0 && selection.disabledPapers.length === 0;
}

/**
 * The papers whose new cards are held back: the papers turned off one by one, and every paper of a
 * topic turned off. `paperTopics` maps each paper id to its topic.
 * @example excludedPapers({ ...DEFAULT_STUDY_SELECTION, disabledTopics: ['vision'] }, { vit: 'vision', bert: 'pretraining-model' }) // Set { 'vit' }
 */
export function excludedPapers(selection: StudySelection, paperTopics: Readonly<Record<string, string>>): Set<string> {
	const out = new Set(selection.disabledPapers);
	if (selection.disabledTopics.length > 0) {
		const topics = new Set(selection.disabledTopics);
		for (const [paperId, topic] of Object.entries(paperTopics)) if (topics.has(topic)) out.add(paperId);
	}
	return out;
}

/** Whether `paperId` (of `topic`) may introduce new cards. */
export function introducesNewCards(selection: StudySelection, paperId: string, topic: string): boolean {
	return !selection.disabledTopics.includes(topic) && !selection.disabledPapers.includes(paperId);
}

/** `list` with `id` present (`on`) or absent, keeping the rest in order; the same array when unchanged. */
export function withMember(list: readonly string[], id: string, on: boolean): readonly string[] {
	if (list.includes(id) === on) return list;
	return on ? [...list, id] : list.filter((x) => x !== id);
}
