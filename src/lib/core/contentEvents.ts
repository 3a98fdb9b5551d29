/**
 * The user's own content as events in the one log (ARCHITECTURE principle 6): papers and cards they
 * write, their rewording of a deck card, and retiring an own card. Like every event they are flat
 * records of plain values with a random id, so backup, merge and sync carry them with no new
 * machinery, and the content is the fold of them (`foldOwnContent`). None of them changes scheduling:
 * a card's review history runs on through any edit.
 *
 * Identity (never colliding with the deck's): the deck's paper ids and card slugs are kebab-case
 * (`[a-z0-9-]`), so anything with an underscore is free for the user. An own paper is `u_<random>`, an
 * own card `<paper-id>/u_<slug>`, and a paper's own events are filed under `<paper-id>/_paper`.
 */

interface ContentEventBase {
	id: string;
	/** The card the event is about; for a paper's events, `<paper-id>/_paper`. */
	cardId: string;
	atMillis: number;
}

/** Creates an own paper or replaces its fields (the newest wins). */
export interface PaperSetEvent extends ContentEventBase {
	type: 'paperSet';
	title: string;
	/** '' when not given (the title is shown instead). */
	short: string;
	/** 0 when not given. */
	year: number;
	/** An arXiv id like 2106.09685, or ''. */
	arxiv: string;
	/** An http(s) address, or ''. */
	url: string;
	topic: string;
	/** Paper ids separated by single spaces ('' for none): events stay flat. */
	buildsOn: string;
	/** Markdown. */
	summary: string;
}

/**
 * Sets a card's text. On an own card id (`…/u_…`) the first one creates the card and later ones edit
 * it; on a deck card it is the user's personal override of the deck's wording.
 */
export interface CardSetEvent extends ContentEventBase {
	type: 'cardSet';
	cardType: 'basic' | 'cloze';
	/** The question, or the cloze text with `{{deletions}}` (Markdown). */
	prompt: string;
	/** The answer ('' for a cloze). */
	answer: string;
	/** An optional note ('' for none). */
	note: string;
}

/** Drops the override of a deck card: the deck's own wording shows again ("Restore the original"). */
export interface CardOriginalEvent extends ContentEventBase {
	type: 'cardOriginal';
}

/** Retires an own card: hidden everywhere, its history kept. */
export interface CardRetireEvent extends ContentEventBase {
	type: 'cardRetire';
}

/** Brings a retired own card back. */
export interface CardRestoreEvent extends ContentEventBase {
	type: 'cardRestore';
}

export type ContentEvent = PaperSetEvent | CardSetEvent | CardOriginalEvent | CardRetireEvent | CardRestoreEvent;
export type ContentEventType = ContentEvent['type'];

export const CONTENT_EVENT_TYPES: ReadonlySet<string> = new Set<ContentEventType>([
	'paperSet',
	'cardSet',
	'cardOriginal',
	'cardRetire',
	'cardRestore'
]);

export function isContentEvent(e: { type: string }): e is ContentEvent {
	return CONTENT_EVENT_TYPES.has(e.type);
}

/** The Markdown texts an event carries (for `hasMath`: whether rendering them needs KaTeX). */
export function contentEventTexts(e: ContentEvent): string[] {
	if (e.type === 'cardSet') return [e.prompt, e.answer, e.note];
	if (e.type === 'paperSet') return [e.summary];
	return [];
}

/** The pseudo-card id a paper's own events are filed under. */
export const PAPER_ENTITY_SLUG = '_paper';

export function paperEntityId(paperId: string): string {
	return `${paperId}/${PAPER_ENTITY_SLUG}`;
}

/** An own paper id: `u_` and the user's part (kebab-case). */
export const OWN_PAPER_ID = /^u_[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Any paper id, the deck's (kebab-case) or an own one. */
export const ANY_PAPER_ID = /^(?:u_)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** An own card's slug: `u_` and the user's part (kebab-case, as it is written in an exported file). */
export const OWN_SLUG = /^u_[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A deck card's slug (see parseCardFile). */
export const DECK_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The two halves of a card id; null when it is not `<paper>/<slug>`. */
export function splitCardId(cardId: string): { paperId: string; slug: string } | null {
	const i = cardId.indexOf('/');
	if (i <= 0 || i !== cardId.lastIndexOf('/') || i === cardId.length - 1) return null;
	return { paperId: cardId.slice(0, i), slug: cardId.slice(i + 1) };
}

export function isOwnCardId(cardId: string): boolean {
	const parts = splitCardId(cardId);
	return !!parts && ANY_PAPER_ID.test(parts.paperId) && OWN_SLUG.test(parts.slug);
}

export function isDeckCardId(cardId: string): boolean {
	const parts = splitCardId(cardId);
	return !!parts && !parts.paperId.startsWith('u_') && DECK_SLUG.test(parts.slug);
}

/** The paper an own paper's events are filed under, or null. */
export function ownPaperOf(cardId: string): string | null {
	const parts = splitCardId(cardId);
	return parts && parts.slug === PAPER_ENTITY_SLUG && OWN_PAPER_ID.test(parts.paperId) ? parts.paperId : null;
}

/**
 * A random kebab-safe token (lowercase letters and digits). `random` gives 0 ≤ x < 1 values; 12
 * characters of base 36 are 62 bits, so two devices never draw the same one.
 */
export function randomToken(random: () => number, length = 12): string {
	let s = '';
	for (let i = 0; i < length; i++) s += Math.floor(random() * 36).toString(36);
	return s;
}

export function newOwnPaperId(random: () => number): string {
	return `u_${randomToken(random)}`;
}

export function newOwnCardId(paperId: string, random: () => number): string {
	return `${paperId}/u_${randomToken(random)}`;
}

/** How many `{{deletions}}` a cloze has (empty ones do not count). */
export function clozeDeletions(text: string): number {
	return (text.match(/\{\{([\s\S]*?)\}\}/g) ?? []).filter((d) => d.slice(2, -2).trim() !== '').length;
}

/** An arXiv id, new style (2106.09685, optionally with a version) or old style (hep-th/9901001). */
export const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;
export const HTTP_URL = /^https?:\/\/[^\s<>"]+$/;

const MAX_TEXT = 20_000;
const MAX_LINE = 500;

type Check = (v: unknown) => boolean;
const text =
	(max: number, nonEmpty = false): Check =>
	(v) =>
		typeof v === 'string' && v.length <= max && (!nonEmpty || v.trim() !== '');

/** The extra fields of each content event, with what they must be (read by `eventProblem`). */
export const CONTENT_FIELDS: Record<ContentEventType, Record<string, [Check, string]>> = {
	paperSet: {
		title: [text(MAX_LINE, true), `a non-empty title of at most ${MAX_LINE} characters`],
		short: [text(100), 'a short name of at most 100 characters'],
		year: [(v) => v === 0 || (Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100), '0 or a year from 1900 to 2100'],
		arxiv: [(v) => v === '' || (typeof v === 'string' && ARXIV_ID.test(v)), '"" or an arXiv id like 2106.09685'],
		url: [(v) => v === '' || (typeof v === 'string' && v.length <= 2000 && HTTP_URL.test(v)), '"" or an http(s) address'],
		topic: [(v) => typeof v === 'string' && DECK_SLUG.test(v) && v.length <= 60, 'a topic id like "fine-tuning-peft"'],
		buildsOn: [
			(v) => v === '' || (typeof v === 'string' && v.length <= 4000 && v.split(' ').every((id) => ANY_PAPER_ID.test(id))),
			'paper ids separated by single spaces'
		],
		summary: [text(MAX_TEXT), `a summary of at most ${MAX_TEXT} characters`]
	},
	cardSet: {
		cardType: [(v) => v === 'basic' || v === 'cloze', 'basic or cloze'],
		prompt: [text(MAX_TEXT, true), `a non-empty text of at most ${MAX_TEXT} characters`],
		answer: [text(MAX_TEXT), `a text of at most ${MAX_TEXT} characters`],
		note: [text(MAX_TEXT), `a text of at most ${MAX_TEXT} characters`]
	},
	cardOriginal: {},
	cardRetire: {},
	cardRestore: {}
};

/**
 * What the fields of a well-typed content event still get wrong together (its id shape, a cloze
 * without a deletion…), or null. Runs after the per-field checks.
 */
export function contentProblem(e: ContentEvent): string | null {
	switch (e.type) {
		case 'paperSet':
			if (!ownPaperOf(e.cardId)) return `is filed under ${JSON.stringify(e.cardId)}; an own paper's events go under "u_<id>/_paper"`;
			if (e.buildsOn.split(' ').includes(ownPaperOf(e.cardId)!)) return 'builds on itself';
			return null;
		case 'cardSet':
			if (!isOwnCardId(e.cardId) && !isDeckCardId(e.cardId)) return `has cardId ${JSON.stringify(e.cardId)}, which is neither a deck card nor an own card`;
			if (e.cardType === 'basic' && e.answer.trim() === '') return 'is a basic card with an empty answer';
			if (e.cardType === 'cloze' && e.answer !== '') return 'is a cloze with an answer (a cloze has none)';
			if (e.cardType === 'cloze' && clozeDeletions(e.prompt) === 0) return 'is a cloze with no {{deletion}}';
			return null;
		case 'cardOriginal':
			return isDeckCardId(e.cardId) ? null : `names ${JSON.stringify(e.cardId)}, which is not a deck card`;
		case 'cardRetire':
		case 'cardRestore':
			return isOwnCardId(e.cardId) ? null : `names ${JSON.stringify(e.cardId)}, which is not an own card`;
	}
}
