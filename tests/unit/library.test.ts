import { describe, expect, it } from 'vitest';
import { cardStatus } from '../../src/lib/core/cardStatus.ts';
import { dueInStudyDays } from '../../src/lib/core/dueInStudyDays.ts';
import { newCardState } from '../../src/lib/core/newCardState.ts';
import { summarizeProgress } from '../../src/lib/core/paperProgress.ts';
import { studyDayBounds } from '../../src/lib/core/studyDay.ts';
import {
	DEFAULT_STUDY_SELECTION,
	excludedPapers,
	introducesNewCards,
	selectsEverything,
	withMember
} from '../../src/lib/core/studySelection.ts';
import { Phase, type CardState } from '../../src/lib/core/types.ts';
import { compileDeck } from '../../src/lib/deck/compileDeck.ts';
import { readDeckSources } from '../../src/lib/deck/deckVitePlugin.ts';
import { libraryIndex, libraryPapers, paperHref, paperPageData } from '../../src/lib/deck/libraryData.ts';
import { DAY, NOW, scheduler, UTC_CLOCK } from './factories.ts';

const HOUR = 3_600_000;

describe('choosing what to study', () => {
	const topics = { vit: 'vision', clip: 'multimodal', bert: 'pretraining-model', roberta: 'pretraining-model' };

	it('holds back the papers turned off and every paper of a topic turned off', () => {
		expect(selectsEverything(DEFAULT_STUDY_SELECTION)).toBe(true);
		const sel = { ...DEFAULT_STUDY_SELECTION, disabledTopics: ['pretraining-model'], disabledPapers: ['clip'] };
		expect(selectsEverything(sel)).toBe(false);
		expect([...excludedPapers(sel, topics)].sort()).toEqual(['bert', 'clip', 'roberta']);
		expect(introducesNewCards(sel, 'vit', 'vision')).toBe(true);
		expect(introducesNewCards(sel, 'bert', 'pretraining-model')).toBe(false);
		expect(introducesNewCards(sel, 'clip', 'multimodal')).toBe(false);
	});

	it('adds and removes list members without duplicates, returning the same list when nothing changes', () => {
		const list = ['a'];
		expect(withMember(list, 'a', true)).toBe(list);
		expect(withMember(list, 'b', false)).toBe(list);
		expect(withMember(list, 'b', true)).toEqual(['a', 'b']);
		expect(withMember(['a', 'b'], 'a', false)).toEqual(['b']);
	});
});

describe('progress and card status', () => {
	const learned = (id: string, rating: 3 | 1) => scheduler.review(newCardState(id), rating, NOW - 10 * DAY, 0);

	it('counts cards by phase and averages predicted recall over the studied ones', () => {
		const fresh = newCardState('p/new');
		const known = { ...learned('p/known', 3), phase: Phase.Review, lastReviewMillis: NOW - 2 * DAY, stability: 10 } as CardState;
		const learning = { ...learned('p/learning', 1), lastReviewMillis: NOW - DAY };
		const suspended = { ...newCardState('p/suspended'), suspended: true };
		const recall = (s: CardState) => scheduler.retrievability(s, NOW);
		const p = summarizeProgress([fresh, known, learning, suspended], recall);
		expect(p).toMatchObject({ cards: 4, new: 2, learning: 1, known: 1, suspended: 1 });
		expect(p.meanRecall).toBeCloseTo((recall(known) + recall(learning)) / 2, 12);
		expect(recall(known)).toBeGreaterThan(0.9);
		expect(summarizeProgress([fresh], recall).meanRecall).toBeNull();
	});

	it('says when a card is due in study days, around the rollover hour', () => {
		const today = studyDayBounds(NOW, UTC_CLOCK);
		expect(dueInStudyDays(NOW - 3 * DAY, NOW, UTC_CLOCK)).toBe(-3);
		expect(dueInStudyDays(NOW - DAY, NOW, UTC_CLOCK)).toBe(-1);
		expect(dueInStudyDays(today.endMillis - 1, NOW, UTC_CLOCK)).toBe(0);
		// 2 am tomorrow still belongs to today's study day; 4 am starts tomorrow's.
		expect(dueInStudyDays(today.endMillis - 2 * HOUR, NOW, UTC_CLOCK)).toBe(0);
		expect(dueInStudyDays(today.endMillis, NOW, UTC_CLOCK)).toBe(1);
		expect(dueInStudyDays(today.endMillis + 11 * DAY, NOW, UTC_CLOCK)).toBe(12);
	});

	it('describes new, learning, review, suspended and buried cards', () => {
		const s = (state: CardState) => cardStatus(state, NOW, UTC_CLOCK, scheduler.retrievability(state, NOW));
		expect(s(newCardState('a'))).toEqual({ kind: 'new', stage: 'new', buried: false, dueInDays: null, recall: null });
		const relearning = { ...learned('b', 3), phase: Phase.Relearning, dueMillis: NOW + 10 * 60_000 } as CardState;
		expect(s(relearning)).toMatchObject({ kind: 'learning', stage: 'relearning', dueInDays: 0 });
		const rev = { ...learned('c', 3), phase: Phase.Review, dueMillis: NOW + 5 * DAY } as CardState;
		expect(s(rev).kind).toBe('review');
		expect([5, 6]).toContain(s(rev).dueInDays);
		expect(s(rev).recall).toBeGreaterThan(0);
		expect(s({ ...rev, suspended: true })).toMatchObject({ kind: 'suspended', stage: 'suspended', dueInDays: null });
		const buried = s({ ...newCardState('d'), buriedUntilMillis: studyDayBounds(NOW, UTC_CLOCK).endMillis });
		expect(buried).toMatchObject({ kind: 'new', buried: true });
	});
});

describe('library page data', () => {
	const deck = compileDeck(readDeckSources(process.cwd())).deck!;
	const index = libraryIndex(deck);

	it('gives a paper its lineage both ways, as links', () => {
		const bert = paperPageData(index, 'bert')!;
		expect(bert.buildsOn.map((p) => p.id)).toContain('transformer');
		expect(bert.builtOnBy.map((p) => p.id)).toContain('roberta');
		expect(bert.builtOnBy[0]).toEqual({ id: expect.any(String), short: expect.any(String), title: expect.any(String), year: expect.any(Number) });
		const transformer = paperPageData(index, 'transformer')!;
		expect(transformer.builtOnBy.map((p) => p.id)).toContain('bert');
		expect(transformer.topic).toEqual({ id: 'architecture', name: 'Architectures' });
		expect(transformer.paper.cardIds.length).toBeGreaterThan(0);
		expect(paperPageData(index, 'no-such-paper')).toBeNull();
	});

	it('lists every paper once with what the list and its search need, and no card', () => {
		expect(Object.keys(index)).toEqual(['topics', 'papers']);
		const { papers, topics } = libraryPapers(index);
		expect(papers.map((p) => p.id)).toEqual(deck.papers.map((p) => p.id));
		expect(topics).toBe(deck.topics);
		const lora = papers.find((p) => p.id === 'lora')!;
		expect(lora).toMatchObject({ short: 'LoRA', arxiv: '2106.09685', topic: 'fine-tuning-peft' });
		expect(lora.summaryHtml.length).toBeGreaterThan(50);
		expect(lora.cardCount).toBe(deck.papers.find((p) => p.id === 'lora')!.cardIds.length);
		expect(Object.keys(lora).sort()).toEqual(['arxiv', 'authors', 'cardCount', 'id', 'org', 'short', 'summaryHtml', 'tier', 'title', 'topic', 'year']);
	});

	it('links to the arXiv abstract page, or to the URL of a work without one', () => {
		expect(paperHref({ arxiv: '1706.03762' })).toBe('https://arxiv.org/abs/1706.03762');
		expect(paperHref({ url: 'https://example.org/paper.pdf' })).toBe('https://example.org/paper.pdf');
		expect(paperHref({})).toBeNull();
		const noArxiv = deck.papers.find((p) => !p.arxiv)!;
		expect(paperHref(noArxiv)).toMatch(/^https?:\/\//);
	});
});
