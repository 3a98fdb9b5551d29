import {
	isContentEvent,
	isOwnCardId,
	ownPaperOf,
	splitCardId,
	type CardSetEvent,
	type ContentEvent
} from './contentEvents.ts';
import { activeEvents, inLogOrder } from './events.ts';
import type { CardEvent } from './types.ts';

export interface OwnPaper {
	id: string;
	title: string;
	short: string;
	year: number;
	arxiv: string;
	url: string;
	topic: string;
	buildsOn: string[];
	summary: string;
	createdMillis: number;
}

/** A card's text as the user wrote it (Markdown). */
export interface CardText {
	type: 'basic' | 'cloze';
	prompt: string;
	answer: string;
	note: string;
}

export interface OwnCard extends CardText {
	id: string;
	paperId: string;
	retired: boolean;
	createdMillis: number;
}

/** The user's wording of a deck card. */
export interface CardOverride extends CardText {
	id: string;
	paperId: string;
}

/** Everything the user wrote, as of the log: the fold of its content events. */
export interface OwnContent {
	/** In the order they were created. */
	papers: OwnPaper[];
	/** In the order they were created, retired ones included. */
	cards: OwnCard[];
	overrides: CardOverride[];
}

export const EMPTY_OWN_CONTENT: OwnContent = { papers: [], cards: [], overrides: [] };

function textOf(e: CardSetEvent): CardText {
	return { type: e.cardType, prompt: e.prompt, answer: e.answer, note: e.note };
}

/**
 * The user's content from the log: its content events in log order, undos settled (an undo of a
 * content event cancels it like any other), folded. Other events are ignored, so the whole log may
 * be passed. Pure and order-independent: every device that holds the same events gets the same content.
 */
export function foldOwnContent(events: readonly CardEvent[]): OwnContent {
	const relevant = events.filter((e) => isContentEvent(e) || e.type === 'undo');
	const active = activeEvents(inLogOrder(relevant)).filter(isContentEvent) as ContentEvent[];
	const papers = new Map<string, OwnPaper>();
	const cards = new Map<string, OwnCard>();
	const overrides = new Map<string, CardOverride>();
	/** Retire/restore that came before the card's text (another device's log merged in): applied when it arrives. */
	const retiredEarly = new Map<string, boolean>();
	for (const e of active) {
		switch (e.type) {
			case 'paperSet': {
				const id = ownPaperOf(e.cardId)!;
				papers.set(id, {
					id,
					title: e.title,
					short: e.short,
					year: e.year,
					arxiv: e.arxiv,
					url: e.url,
					topic: e.topic,
					buildsOn: e.buildsOn === '' ? [] : e.buildsOn.split(' '),
					summary: e.summary,
					createdMillis: papers.get(id)?.createdMillis ?? e.atMillis
				});
				break;
			}
			case 'cardSet': {
				const paperId = splitCardId(e.cardId)!.paperId;
				if (isOwnCardId(e.cardId)) {
					const old = cards.get(e.cardId);
					cards.set(e.cardId, {
						id: e.cardId,
						paperId,
						...textOf(e),
						retired: old?.retired ?? retiredEarly.get(e.cardId) ?? false,
						createdMillis: old?.createdMillis ?? e.atMillis
					});
				} else overrides.set(e.cardId, { id: e.cardId, paperId, ...textOf(e) });
				break;
			}
			case 'cardOriginal':
				overrides.delete(e.cardId);
				break;
			case 'cardRetire':
			case 'cardRestore': {
				const card = cards.get(e.cardId);
				if (card) cards.set(e.cardId, { ...card, retired: e.type === 'cardRetire' });
				else retiredEarly.set(e.cardId, e.type === 'cardRetire');
				break;
			}
		}
	}
	return { papers: [...papers.values()], cards: [...cards.values()], overrides: [...overrides.values()] };
}

/** Whether any text of the content has math in it (`$…$`): only then does the browser need KaTeX. */
export function hasMath(texts: readonly string[]): boolean {
	return texts.some((t) => /\$[^$]*\S[^$]*\$/.test(t));
}

/** Every Markdown text of the content, for `hasMath` and search. */
export function contentTexts(content: OwnContent): string[] {
	const out: string[] = [];
	for (const p of content.papers) out.push(p.summary);
	for (const c of [...content.cards, ...content.overrides]) out.push(c.prompt, c.answer, c.note);
	return out;
}
