/**
 * "Your own cards" on Backup & data: export them as Markdown card files (one .zip), import Markdown
 * or CSV files (check → preview → append, nothing written when any file has a problem).
 */
import { contentTexts, hasMath, type OwnContent } from '../core/foldOwnContent.ts';
import { appendContentEvents, readOwnContent } from '../db/ownContentStore.ts';
import { newEventId } from '../db/newEventId.ts';
import { planCsvImport } from '../own/cardCsv.ts';
import { exportOwnMarkdown, planMarkdownImport, type DeckPaperInfo, type ImportCheck, type ImportPlan } from '../own/cardMarkdown.ts';
import { loadOwnRenderer } from '../own/ownRenderer.ts';
import { zipFiles } from '../own/zipFiles.ts';
import { m } from '../paraglide/messages.js';
import { downloadFile } from './downloadFile.ts';
import { loadLibraryIndex } from './loadLibraryIndex.ts';
import { openApp } from './openApp.ts';

export type CardImportStep =
	| { step: 'idle' }
	| { step: 'rejected'; errors: string[] }
	| { step: 'preview'; plan: ImportPlan }
	| { step: 'done'; message: string };

async function context() {
	const [app, index] = await Promise.all([openApp(), loadLibraryIndex(fetch)]);
	const deckPapers = new Map<string, DeckPaperInfo>(
		index.papers.map((p) => [p.id, { id: p.id, title: p.title, short: p.short, topic: p.topic, slugs: p.cardIds.map((c) => c.slice(p.id.length + 1)) }])
	);
	const content: OwnContent = await readOwnContent(app.db);
	return { app, index, deckPapers, content };
}

export class OwnCardFiles {
	step = $state.raw<CardImportStep>({ step: 'idle' });
	message = $state<string | null>(null);
	busy = $state(false);

	async exportCards(): Promise<void> {
		this.busy = true;
		try {
			const { deckPapers, content } = await context();
			const files = exportOwnMarkdown(content, deckPapers);
			if (files.length === 0) {
				this.message = m.own_export_empty();
				return;
			}
			const bytes = zipFiles(files);
			downloadFile(bytes, 'paperdeck-my-cards.zip', 'application/zip');
			this.message = m.own_export_done({ files: files.length });
		} finally {
			this.busy = false;
		}
	}

	/** Reads and checks the chosen files; shows what they would add, or every problem. */
	async readFiles(list: readonly File[], kind: 'md' | 'csv'): Promise<void> {
		this.busy = true;
		this.message = null;
		try {
			const texts = await Promise.all(list.map(async (f) => ({ path: f.name, text: await f.text() })));
			const { index, deckPapers, content } = await context();
			const ctx = { deckPapers, topicIds: new Set(index.topics.map((t) => t.id)), content, nowMillis: Date.now(), newId: newEventId };
			let check: ImportCheck;
			if (kind === 'md') check = planMarkdownImport(texts, ctx);
			else {
				const events: ImportPlan['events'] = [];
				const errors: string[] = [];
				const plan: ImportPlan = { events, papers: 0, cards: 0, edits: 0 };
				for (const t of texts) {
					const one = planCsvImport(t.path, t.text, { ...ctx, defaultTopic: index.topics[0]?.id ?? 'architecture' });
					if (!one.ok) errors.push(...one.errors);
					else {
						events.push(...one.plan.events);
						plan.papers += one.plan.papers;
						plan.cards += one.plan.cards;
						plan.edits += one.plan.edits;
					}
				}
				check = errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
			}
			if (!check.ok) this.step = { step: 'rejected', errors: check.errors };
			else if (check.plan.events.length === 0) this.step = { step: 'done', message: m.own_import_nothing() };
			else this.step = { step: 'preview', plan: check.plan };
		} catch (e) {
			this.step = { step: 'rejected', errors: [(e as Error).message] };
		} finally {
			this.busy = false;
		}
	}

	async confirm(): Promise<void> {
		const current = this.step;
		if (current.step !== 'preview') return;
		this.busy = true;
		try {
			const app = await openApp();
			const texts = [
				...contentTexts(await readOwnContent(app.db)),
				...current.plan.events.flatMap((e) => (e.type === 'cardSet' ? [e.prompt, e.answer, e.note] : e.type === 'paperSet' ? [e.summary] : []))
			];
			const render = await loadOwnRenderer(hasMath(texts));
			const added = await appendContentEvents(app.db, current.plan.events, render, app.scheduler);
			this.step = { step: 'done', message: m.own_import_done({ count: added }) };
		} catch (e) {
			this.step = { step: 'rejected', errors: [(e as Error).message] };
		} finally {
			this.busy = false;
		}
	}

	cancel(): void {
		this.step = { step: 'idle' };
	}
}
