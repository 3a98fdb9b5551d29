/** The user's own papers and cards (issue 19): events, validation, replay, storage, Markdown and CSV. */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import {
	isDeckCardId,
	isOwnCardId,
	newOwnCardId,
	newOwnPaperId,
	paperEntityId,
	type CardSetEvent,
	type ContentEvent,
	type PaperSetEvent
} from '../../src/lib/core/contentEvents.ts';
import { foldOwnContent } from '../../src/lib/core/foldOwnContent.ts';
import { replayCard } from '../../src/lib/core/replay.ts';
import { eventProblem, parseBackup } from '../../src/lib/core/validateBackup.ts';
import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, serializeBackup } from '../../src/lib/core/backupFile.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { parseCardFile } from '../../src/lib/deck/parseCardFile.ts';
import { appendContentEvents, readOwnContent, rebuildOwnContent } from '../../src/lib/db/ownContentStore.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { mergeEvents } from '../../src/lib/db/rebuildStates.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { exportOwnMarkdown, planMarkdownImport, type DeckPaperInfo } from '../../src/lib/own/cardMarkdown.ts';
import { parseCsv, planCsvImport } from '../../src/lib/own/cardCsv.ts';
import { createOwnRenderer } from '../../src/lib/own/renderOwnMarkdown.ts';
import { eventId, makeDeck, MINUTE, NOW, prng, review, scheduler, undo } from './factories.ts';
import { testCollection } from './testCollection.ts';
import { applyImport } from '../../src/lib/db/importBackup.ts';
import { rendererForRebuild } from '../../src/lib/state/rendererForRebuild.ts';
import type { BackupFile } from '../../src/lib/core/backupFile.ts';
import type { CardEvent } from '../../src/lib/core/types.ts';

const render = createOwnRenderer(katex);

function paperSet(paperId: string, over: Partial<PaperSetEvent> = {}): PaperSetEvent {
	return {
		id: eventId(),
		cardId: paperEntityId(paperId),
		atMillis: NOW - 10 * MINUTE,
		type: 'paperSet',
		title: 'My paper',
		short: 'Mine',
		year: 2025,
		arxiv: '2501.00001',
		url: '',
		topic: 'architecture',
		buildsOn: 'paper-0',
		summary: 'What it does.',
		...over
	};
}

function cardSet(cardId: string, over: Partial<CardSetEvent> = {}): CardSetEvent {
	return { id: eventId(), cardId, atMillis: NOW - 9 * MINUTE, type: 'cardSet', cardType: 'basic', prompt: 'Q?', answer: 'A.', note: '', ...over };
}

describe('content events: validation', () => {
	it('accepts well-formed content events', () => {
		for (const e of [
			paperSet('u_abc'),
			cardSet('u_abc/u_k3f9'),
			cardSet('paper-0/card-1'),
			cardSet('paper-0/u_x1', { cardType: 'cloze', prompt: 'Scale by {{$1/\\sqrt{d}$}}', answer: '' }),
			{ id: eventId(), cardId: 'paper-0/card-1', atMillis: NOW, type: 'cardOriginal' },
			{ id: eventId(), cardId: 'paper-0/u_x1', atMillis: NOW, type: 'cardRetire' },
			{ id: eventId(), cardId: 'paper-0/u_x1', atMillis: NOW, type: 'cardRestore' }
		]) {
			expect(eventProblem(e, NOW), JSON.stringify(e)).toBeNull();
		}
	});

	it('rejects every malformed shape', () => {
		const bad: [unknown, RegExp][] = [
			[paperSet('u_abc', { title: '' }), /title/],
			[paperSet('u_abc', { title: 7 as never }), /title/],
			[paperSet('u_abc', { year: 1492 }), /year/],
			[paperSet('u_abc', { arxiv: 'not-an-id' }), /arxiv/],
			[paperSet('u_abc', { url: 'javascript:alert(1)' }), /url/],
			[paperSet('u_abc', { topic: 'Not A Topic' }), /topic/],
			[paperSet('u_abc', { buildsOn: 'a  b' }), /buildsOn/],
			[paperSet('u_abc', { buildsOn: 'u_abc' }), /builds on itself/],
			[{ ...paperSet('u_abc'), cardId: 'lora/_paper' }, /own paper/],
			[{ ...paperSet('u_abc'), cardId: 'u_abc/card' }, /own paper/],
			[{ ...paperSet('u_abc'), extra: 1 }, /field "extra"/],
			[(() => { const e: Record<string, unknown> = { ...paperSet('u_abc') }; delete e.summary; return e; })(), /no summary/],
			[cardSet('u_abc/u_k', { cardType: 'both' as never }), /cardType/],
			[cardSet('u_abc/u_k', { prompt: '  ' }), /prompt/],
			[cardSet('u_abc/u_k', { answer: '' }), /empty answer/],
			[cardSet('u_abc/u_k', { cardType: 'cloze', prompt: 'no deletion here', answer: '' }), /no \{\{deletion\}\}/],
			[cardSet('u_abc/u_k', { cardType: 'cloze', prompt: 'a {{b}}', answer: 'x' }), /cloze with an answer/],
			[cardSet('u_abc/u_k', { note: 3 as never }), /note/],
			[cardSet('u_abc/u_k', { prompt: 'x'.repeat(20_001) }), /prompt/],
			[cardSet('u_abc/Bad_Slug'), /neither a deck card nor an own card/],
			[cardSet('u_abc/_paper'), /neither/],
			[{ id: eventId(), cardId: 'paper-0/u_x1', atMillis: NOW, type: 'cardOriginal' }, /not a deck card/],
			[{ id: eventId(), cardId: 'paper-0/card-1', atMillis: NOW, type: 'cardRetire' }, /not an own card/],
			[{ id: eventId(), cardId: 'paper-0/card-1', atMillis: NOW, type: 'cardRestore' }, /not an own card/],
			[{ id: eventId(), cardId: 'paper-0/u_x1', atMillis: NOW, type: 'cardRetire', why: 'x' }, /field "why"/]
		];
		for (const [e, reason] of bad) expect(eventProblem(e, NOW), JSON.stringify(e)).toMatch(reason);
	});

	it('a backup with content events round-trips through parseBackup; a damaged one is refused whole', () => {
		const events = [paperSet('u_abc'), cardSet('u_abc/u_k1'), review('u_abc/u_k1', NOW - 5 * MINUTE, 3)];
		const file = { format: BACKUP_FORMAT, schemaVersion: BACKUP_SCHEMA_VERSION, appVersion: 't', exportedAtMillis: NOW, settings: DEFAULT_SETTINGS, custom: {}, events } as const;
		const parsed = parseBackup(serializeBackup({ ...file, events: [...events] }), NOW);
		expect(parsed.ok && parsed.backup.events).toEqual(events);
		const damaged = parseBackup(serializeBackup({ ...file, events: [...events, cardSet('u_abc/u_k2', { cardType: 'cloze', prompt: 'x', answer: '' })] }), NOW);
		expect(damaged.ok).toBe(false);
	});
});

describe('content events: ids never collide with the deck', () => {
	it('own ids are outside the deck slug space, and random ones are distinct', () => {
		const random = prng(7);
		const ids = new Set<string>();
		for (let i = 0; i < 10_000; i++) ids.add(newOwnCardId('lora', random));
		expect(ids.size).toBe(10_000);
		for (const id of ids) {
			expect(isOwnCardId(id)).toBe(true);
			expect(isDeckCardId(id)).toBe(false);
		}
		expect(isDeckCardId('transformer-xl/u-v-vectors')).toBe(true);
		expect(isOwnCardId('transformer-xl/u-v-vectors')).toBe(false);
		expect(newOwnPaperId(random)).toMatch(/^u_[a-z0-9]{12}$/);
	});

	it('the deck parser refuses a paper id with an underscore, and own slugs are not kebab-case', () => {
		const file = ['---', 'id: u_mine', 'title: "T"', 'short: T', 'year: 2020', 'org: O', 'arxiv: 2001.00001', 'topic: t', 'tier: 1', '---', '', 'Sum.', '', '## u_x', 'Q: q', 'A: a', ''].join('\n');
		const reasons = parseCardFile('cards/t/u_mine.md', file).errors.map((e) => e.reason).join('\n');
		expect(reasons).toMatch(/id "u_mine" is not kebab-case/);
		expect(reasons).toMatch(/card slug "u_x" is not kebab-case/);
	});
});

describe('content events: fold and replay', () => {
	it('folds papers, cards, edits, overrides, retire and restore; undo cancels; order of arrival does not matter', () => {
		const p = paperSet('u_abc', { atMillis: NOW - 100 });
		const c1 = cardSet('u_abc/u_k1', { atMillis: NOW - 90 });
		const c1edit = cardSet('u_abc/u_k1', { atMillis: NOW - 80, answer: 'Better.' });
		const ov = cardSet('paper-0/card-1', { atMillis: NOW - 70, answer: 'Mine.' });
		const retire = { id: eventId(), cardId: 'u_abc/u_k1', atMillis: NOW - 60, type: 'cardRetire' } as const;
		const restore = { id: eventId(), cardId: 'u_abc/u_k1', atMillis: NOW - 50, type: 'cardRestore' } as const;
		const log = [p, c1, c1edit, ov, retire];
		const a = foldOwnContent(log);
		expect(a.papers.map((x) => [x.id, x.title, x.buildsOn])).toEqual([['u_abc', 'My paper', ['paper-0']]]);
		expect(a.cards).toMatchObject([{ id: 'u_abc/u_k1', answer: 'Better.', retired: true, createdMillis: NOW - 90 }]);
		expect(a.overrides).toMatchObject([{ id: 'paper-0/card-1', answer: 'Mine.' }]);
		expect(foldOwnContent([...log].reverse())).toEqual(a);
		const b = foldOwnContent([...log, restore, { id: eventId(), cardId: 'paper-0/card-1', atMillis: NOW - 40, type: 'cardOriginal' }]);
		expect(b.cards[0]!.retired).toBe(false);
		expect(b.overrides).toEqual([]);
		expect(foldOwnContent([...log, undo(c1edit, NOW - 30)]).cards[0]!.answer).toBe('A.');
	});

	it('an override and its restore leave the card\'s schedule exactly as its reviews made it', () => {
		const id = 'paper-0/card-1';
		const reviews = [review(id, NOW - 3 * 86_400_000, 3), review(id, NOW - 2 * 86_400_000, 3), review(id, NOW - 86_400_000, 2)];
		const edits = [cardSet(id, { atMillis: NOW - 2.5 * 86_400_000 }), { id: eventId(), cardId: id, atMillis: NOW - 1.5 * 86_400_000, type: 'cardOriginal' as const }];
		const plain = replayCard(id, reviews, scheduler);
		const withEdits = replayCard(id, [...reviews, ...edits], scheduler);
		expect({ ...withEdits, lastEventMillis: 0 }).toEqual({ ...plain, lastEventMillis: 0 });
		expect(withEdits.reps).toBe(3);
	});
});

describe('own content in storage', () => {
	it('an own paper and card appear as a new card; an override shows the user\'s text and restore brings the deck\'s back, history kept', async () => {
		const deck = makeDeck(2, 2);
		const db = await testCollection(deck);
		await appendContentEvents(db, [paperSet('u_abc'), cardSet('u_abc/u_k1', { prompt: 'Energy $E=mc^2$?' })], render, scheduler);
		const row = await db.cards.get('u_abc/u_k1');
		expect(row).toMatchObject({ own: 1, retired: 0, paperId: 'u_abc', paperShort: 'Mine' });
		expect(row!.promptHtml).toContain('class="katex"');
		const st = await db.states.get('u_abc/u_k1');
		expect(st).toMatchObject({ queue: 'new', paperId: 'u_abc' });
		expect(st!.newRank).toBeLessThan(0);

		const id = 'paper-0/card-1';
		await appendEvent(db, review(id, NOW - 60 * MINUTE, 3), scheduler);
		await appendContentEvents(db, [cardSet(id, { answer: 'My **answer**', atMillis: NOW - 30 * MINUTE })], render, scheduler);
		let card = await db.cards.get(id);
		expect(card).toMatchObject({ edited: 1, answerHtml: '<p>My <strong>answer</strong></p>\n', original: { answerHtml: '<p>A</p>' } });
		// A new deck version keeps the override on top.
		await reconcileDeck(db, { ...makeDeck(2, 2, { edit: id }), version: 'v2' }, scheduler);
		card = await db.cards.get(id);
		expect(card!.answerHtml).toContain('My <strong>answer</strong>');
		expect(card!.original!.promptHtml).toContain('Edited question');
		// …and never retires own cards.
		expect((await db.cards.get('u_abc/u_k1'))!.retired).toBe(0);
		expect((await db.states.get('u_abc/u_k1'))!.queue).toBe('new');
		await appendContentEvents(db, [{ id: eventId(), cardId: id, atMillis: NOW - 20 * MINUTE, type: 'cardOriginal' }], render, scheduler);
		card = await db.cards.get(id);
		expect(card!.edited).toBeUndefined();
		expect(card!.promptHtml).toContain('Edited question');
		expect((await db.states.get(id))!.reps).toBe(1);
		expect(await db.events.where('cardId').equals(id).count()).toBe(3);
	});

	it('retiring an own card hides it; restoring brings it back with its history', async () => {
		const db = await testCollection(makeDeck(1, 1));
		const id = 'paper-0/u_k1';
		await appendContentEvents(db, [cardSet(id, { atMillis: NOW - 50 * MINUTE })], render, scheduler);
		await appendEvent(db, review(id, NOW - 40 * MINUTE, 3), scheduler);
		await appendContentEvents(db, [{ id: eventId(), cardId: id, atMillis: NOW - 30 * MINUTE, type: 'cardRetire' }], render, scheduler);
		expect((await db.states.get(id))!.queue).toBe('retired');
		await appendContentEvents(db, [{ id: eventId(), cardId: id, atMillis: NOW - 20 * MINUTE, type: 'cardRestore' }], render, scheduler);
		expect((await db.states.get(id))!).toMatchObject({ queue: 'learning', reps: 1 });
	});

	it('a merged log (import, sync) rebuilds the content: the card is live with its history', async () => {
		const source = await testCollection(makeDeck(1, 1));
		const events: ContentEvent[] = [paperSet('u_abc', { atMillis: NOW - 50 * MINUTE }), cardSet('u_abc/u_k1', { atMillis: NOW - 49 * MINUTE })];
		await appendContentEvents(source, events, render, scheduler);
		await appendEvent(source, review('u_abc/u_k1', NOW - 40 * MINUTE, 3), scheduler);
		const log = await source.events.toArray();
		const fresh = await testCollection(makeDeck(1, 1));
		await mergeEvents(fresh, log, scheduler);
		expect((await fresh.states.get('u_abc/u_k1'))!.queue).toBe('retired');
		await rebuildOwnContent(fresh, render, scheduler);
		expect(await fresh.states.get('u_abc/u_k1')).toMatchObject({ queue: 'learning', reps: 1, paperId: 'u_abc' });
		expect((await readOwnContent(fresh)).papers.map((p) => p.id)).toEqual(['u_abc']);
		// Appending the same events again adds nothing.
		expect(await appendContentEvents(fresh, events, render, scheduler)).toBe(0);
	});
});

describe('the renderer a merge or rollback loads first (rendererForRebuild)', () => {
	const file = (events: CardEvent[]): BackupFile => ({ format: BACKUP_FORMAT, schemaVersion: BACKUP_SCHEMA_VERSION, appVersion: 'test', exportedAtMillis: NOW, settings: DEFAULT_SETTINGS, custom: {}, events });

	it('is none when neither the log nor the incoming events hold own content', async () => {
		const db = await testCollection(makeDeck(1, 2));
		expect(await rendererForRebuild(db, [review('paper-0/card-0', NOW - MINUTE, 3)])).toBeUndefined();
	});

	it('renders the math already in the log, even for a file without any, and an import of undos alone removes what they undo', async () => {
		const db = await testCollection(makeDeck(1, 2));
		const paper = paperSet('u_abc');
		const card = cardSet('u_abc/u_k1', { prompt: 'Why $\\sqrt{d}$?' });
		await appendContentEvents(db, [paper, card], render, scheduler);
		const plain = cardSet('u_abc/u_k2', { atMillis: NOW - 8 * MINUTE, prompt: 'Plain?' });
		// A rebuild re-renders every own card: the math card must keep its math.
		expect((await rendererForRebuild(db, [plain]))!('$x$')).toContain('katex');
		await applyImport(db, file([plain]), { useSettings: false, render: await rendererForRebuild(db, [plain]) });
		expect((await db.cards.get('u_abc/u_k1'))!.promptHtml).toContain('katex');

		// A file holding only the undo of the math card (a rollback's, from another device's backup).
		const undoCard = undo(card, NOW - 7 * MINUTE);
		const renderer = await rendererForRebuild(db, [undoCard]);
		expect(renderer).toBeDefined();
		await applyImport(db, file([undoCard]), { useSettings: false, render: renderer });
		expect((await readOwnContent(db)).cards.map((c) => c.id)).toEqual(['u_abc/u_k2']);
	});
});

describe('Markdown and CSV', () => {
	const deckPapers = new Map<string, DeckPaperInfo>([['lora', { id: 'lora', title: 'LoRA: Low-Rank', short: 'LoRA', topic: 'fine-tuning-peft', slugs: ['freeze', 'zero-init'] }]]);
	const topicIds = new Set(['fine-tuning-peft', 'architecture']);
	const ctx = (content = foldOwnContent([])) => ({ deckPapers, topicIds, content, nowMillis: NOW, newId: eventId });

	it('export then import into a fresh profile gives the same papers, cards and overrides with the same ids; importing twice adds nothing', () => {
		const log: ContentEvent[] = [
			paperSet('u_abc', { title: 'A "quoted": title', summary: 'One.\n\nTwo paragraphs with $x^2$.', buildsOn: 'lora' }),
			cardSet('u_abc/u_k1', { prompt: 'Multi\nline\nQ: not a field\n## not a heading', answer: 'Yes', note: 'n' }),
			cardSet('u_abc/u_k2', { cardType: 'cloze', prompt: 'B is {{zero}} at init', answer: '' }),
			cardSet('lora/u_mine1', { prompt: 'Why rank r?', answer: 'Cheap' }),
			cardSet('lora/freeze', { answer: 'My wording' })
		];
		const content = foldOwnContent(log);
		const files = exportOwnMarkdown(content, deckPapers);
		expect(files.map((f) => f.path).sort()).toEqual(['cards/architecture/u_abc.md', 'cards/fine-tuning-peft/lora.md']);
		const check = planMarkdownImport(files, ctx());
		if (!check.ok) throw new Error(check.errors.join('\n'));
		const again = foldOwnContent(check.plan.events);
		expect(again.papers.map(({ createdMillis: _c, ...p }) => p)).toEqual(content.papers.map(({ createdMillis: _c, ...p }) => p));
		expect(again.cards.map(({ createdMillis: _c, ...c }) => c)).toEqual(content.cards.map(({ createdMillis: _c, ...c }) => c));
		expect(again.overrides).toEqual(content.overrides);
		const twice = planMarkdownImport(files, ctx(again));
		expect(twice.ok && twice.plan.events).toEqual([]);
	});

	it('a bad file is rejected whole with file:line: reason', () => {
		const good = { path: 'a.md', text: '---\nid: mine\ntitle: "Mine"\ntopic: architecture\n---\n\n## one\nQ: q\nA: a\n' };
		const bad = { path: 'b.md', text: '---\nid: other\ntitle: "Other"\ntopic: architecture\n---\n\n## two\nC: a cloze without a deletion\n' };
		const check = planMarkdownImport([good, bad], ctx());
		expect(check.ok).toBe(false);
		expect(!check.ok && check.errors).toEqual(['b.md:8: cloze "two" has no {{deletion}}']);
		const topic = planMarkdownImport([{ path: 'c.md', text: good.text.replace('architecture', 'astrology') }], ctx());
		expect(!topic.ok && topic.errors[0]).toMatch(/^c\.md:4: unknown topic "astrology"/);
	});

	it('CSV: quoted fields, a paper column by short name, a header row; rows without a paper go to a paper named after the file; twice adds nothing', () => {
		const csv = 'Question,Answer,Paper,Note\r\n"What, exactly?","It ""quotes""\nand wraps",LoRA,n1\nPlain q,Plain a,,\n';
		const rows = parseCsv(csv);
		expect(Array.isArray(rows) && rows.map((r) => r.line)).toEqual([1, 2, 4]);
		const check = planCsvImport('My deck.csv', csv, { ...ctx(), defaultTopic: 'architecture' });
		if (!check.ok) throw new Error(check.errors.join('\n'));
		const content = foldOwnContent(check.plan.events);
		expect(content.papers.map((p) => [p.id, p.title])).toEqual([['u_my-deck', 'My deck']]);
		expect(content.cards.map((c) => [c.paperId, c.prompt, c.answer, c.note])).toEqual([
			['lora', 'What, exactly?', 'It "quotes"\nand wraps', 'n1'],
			['u_my-deck', 'Plain q', 'Plain a', '']
		]);
		const twice = planCsvImport('My deck.csv', csv, { ...ctx(content), defaultTopic: 'architecture' });
		expect(twice.ok && twice.plan.events).toEqual([]);
		const bad = planCsvImport('x.csv', 'question,answer,paper\nq,,\nq2,a2,nope\n', { ...ctx(), defaultTopic: 'architecture' });
		expect(!bad.ok && bad.errors).toEqual(['x.csv:2: empty answer', 'x.csv:3: unknown paper "nope"']);
		expect(planCsvImport('y.csv', 'front,back\n', { ...ctx(), defaultTopic: 'architecture' }).ok).toBe(true);
		expect(planCsvImport('z.csv', 'a,b\n', { ...ctx(), defaultTopic: 'architecture' })).toMatchObject({ ok: false, errors: [/header row/] });
	});
});

describe('untrusted text stays text', () => {
	const ATTACKS = [
		'<script>window.pwned = 1</script>',
		'<img src=x onerror="window.pwned = 1">',
		'[click me](javascript:window.pwned=1) and <javascript:alert(1)> and [data](data:text/html,<script>1</script>)',
		'$\\href{javascript:alert(1)}{x}$ $\\htmlData{foo=bar}{x}$ $\\url{javascript:alert(1)}$',
		'$\\def\\a{\\a\\a}\\a$',
		'$$\\gdef\\b{<img src=x onerror=alert(1)>}\\b$$',
		'<a href="https://example.com" onclick="window.pwned=1">x</a>'
	];
	/** Every tag the renderer may produce from Markdown, KaTeX's HTML and MathML included. */
	const allowedTag = /^<\/?(p|em|strong|code|pre|ul|ol|li|blockquote|h[1-6]|hr|br|mark|span|a|math|semantics|mrow|mi|mo|mn|ms|mtext|mspace|msup|msub|msubsup|mfrac|msqrt|mroot|mover|munder|munderover|mtable|mtr|mtd|mpadded|mphantom|mstyle|menclose|annotation|svg|path|line)\b/;

	function assertInert(html: string): void {
		for (const tag of html.match(/<[^>]*>/g) ?? []) {
			expect(tag, html).toMatch(allowedTag);
			expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
			expect(tag).not.toMatch(/(href|src)\s*=\s*"(?!https?:)/i);
		}
	}

	it('raw HTML, script URLs and KaTeX tricks render inert, as the text written', () => {
		for (const attack of ATTACKS) {
			for (const mode of ['blank', 'reveal'] as const) assertInert(render(attack, mode));
		}
		expect(render(ATTACKS[0]!)).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt;');
		expect(render(ATTACKS[1]!)).toContain('&lt;img src=x onerror=&quot;window.pwned = 1&quot;&gt;');
		expect(render(ATTACKS[2]!)).toContain('[click me](javascript:window.pwned=1)');
		expect(render('[ok](https://example.com/a)')).toBe('<p><a href="https://example.com/a" rel="noopener noreferrer">ok</a></p>\n');
		// KaTeX with trust off shows \href as an error-coloured macro name, never a link.
		expect(render(ATTACKS[3]!)).not.toMatch(/<a[\s>]/);
		// A runaway macro stops at the expansion limit instead of hanging the page.
		expect(render(ATTACKS[4]!)).toContain('katex-error');
		// An unclosed `$` or `{{` shows the field as written.
		expect(render('cost $5 and {{open')).toBe('<p>cost $5 and {{open</p>\n');
	});

	it('through storage, every field of a card and a paper stays inert', async () => {
		const db = await testCollection(makeDeck(1, 1));
		const attack = ATTACKS.join('\n\n');
		await appendContentEvents(
			db,
			[
				paperSet('u_evil', { title: ATTACKS[0]!, short: ATTACKS[1]!, summary: attack }),
				cardSet('u_evil/u_k1', { prompt: attack, answer: attack, note: attack }),
				cardSet('u_evil/u_k2', { cardType: 'cloze', prompt: `{{${ATTACKS[1]}}} ${attack}`, answer: '', note: attack }),
				cardSet('paper-0/card-0', { prompt: attack, answer: attack, note: attack })
			],
			render,
			scheduler
		);
		for (const row of await db.cards.toArray()) {
			for (const html of [row.promptHtml, row.answerHtml, row.noteHtml]) assertInert(html);
		}
		expect((await db.cards.get('u_evil/u_k1'))!.paperShort).toBe(ATTACKS[1]);
		expect((await readOwnContent(db)).papers[0]!.title).toBe(ATTACKS[0]);
	});
});
