/**
 * The library (/papers): every paper, grouped by topic or by year, narrowed by a search and by topic
 * and tier filters, with each paper's progress from the user's collection. Filtering hides rows
 * rather than rebuilding the list, so typing in the search box stays fast on the whole deck.
 */
import { htmlSearchText } from '../core/cardSearchText.ts';
import { summarizeProgress, type Progress } from '../core/paperProgress.ts';
import { TextIndex } from '../core/textSearch.ts';
import type { Topic } from '../deck/deckTypes.ts';
import type { LibraryPaper } from '../deck/libraryData.ts';
import { fromStateRow } from '../db/stateRow.ts';
import { loadTranslationRows } from '../db/translationRows.ts';
import { m } from '../paraglide/messages.js';
import { openApp } from './openApp.ts';

export type LibraryView = 'topic' | 'year';

export interface PaperGroup {
	id: string;
	title: string;
	papers: LibraryPaper[];
}

const byYear = (a: LibraryPaper, b: LibraryPaper) => a.year - b.year || a.short.localeCompare(b.short);

export class PaperLibrary {
	query = $state('');
	/** A topic id, or '' for every topic. */
	topic = $state('');
	/** 1–3, or 0 for every tier. */
	tier = $state(0);
	view = $state<LibraryView>('topic');
	progress = $state.raw<ReadonlyMap<string, Progress>>(new Map());
	progressLoaded = $state(false);
	error = $state<string | null>(null);

	readonly papers: readonly LibraryPaper[];
	readonly topics: readonly Topic[];
	/** Built at the first search, not while the page opens: deriving and normalizing 337 summaries' text is work an unsearched list never needs. */
	#index: TextIndex | null = null;
	#translated: ReadonlyMap<string, string> = new Map();
	/** Bumped when the index changes (translated summaries arrived), so the search runs again. */
	#indexVersion = $state(0);

	constructor(papers: readonly LibraryPaper[], topics: readonly Topic[]) {
		this.papers = papers;
		this.topics = topics;
	}

	#search(query: string): number[] {
		if (query.trim() === '') return this.papers.map((_, i) => i);
		this.#index ??= new TextIndex(
			this.papers.map((p) => [
				p.short,
				p.title,
				p.org,
				p.arxiv ?? '',
				String(p.year),
				p.authors.join(' '),
				htmlSearchText(p.summaryHtml),
				this.#translated.get(p.id) ?? ''
			])
		);
		return this.#index.search(query);
	}

	/** Makes the search find papers by their stored translated summaries (`lang`: `zh-CN`) too. */
	async loadTranslations(lang: string): Promise<void> {
		try {
			const { db } = await openApp();
			const rows = await loadTranslationRows(db, lang, 'paper');
			if (rows.length === 0) return;
			this.#translated = new Map(rows.map((r) => [r.id, r.text]));
			this.#index = null;
			this.#indexVersion++;
		} catch {
			// Search keeps to the English: nothing is lost but the Chinese matches.
		}
	}

	/** Ids of the papers passing the search and the filters. */
	visible = $derived.by(() => {
		void this.#indexVersion;
		const ids = new Set<string>();
		for (const i of this.#search(this.query)) {
			const p = this.papers[i]!;
			if ((!this.topic || p.topic === this.topic) && (!this.tier || p.tier === this.tier)) ids.add(p.id);
		}
		return ids;
	});

	/** The groups of the current view, every paper in them (rows outside `visible` are hidden). */
	groups = $derived.by((): PaperGroup[] => {
		if (this.view === 'topic') {
			return this.topics.map((t) => ({ id: t.id, title: t.name, papers: this.papers.filter((p) => p.topic === t.id).sort(byYear) }));
		}
		const years = [...new Set(this.papers.map((p) => p.year))].sort((a, b) => a - b);
		return years.map((y) => ({ id: String(y), title: String(y), papers: this.papers.filter((p) => p.year === y).sort(byYear) }));
	});

	visibleIn(group: PaperGroup): number {
		let n = 0;
		for (const p of group.papers) if (this.visible.has(p.id)) n++;
		return n;
	}

	/** Reads every card's state once and sums it up per paper, with predicted recall as of now. */
	async loadProgress(): Promise<void> {
		try {
			const app = await openApp();
			const now = Date.now();
			const byPaper = new Map<string, ReturnType<typeof fromStateRow>[]>();
			for (const row of await app.db.states.toArray()) {
				if (row.queue === 'retired') continue;
				const list = byPaper.get(row.paperId);
				if (list) list.push(fromStateRow(row));
				else byPaper.set(row.paperId, [fromStateRow(row)]);
			}
			const progress = new Map<string, Progress>();
			for (const [paperId, states] of byPaper) {
				progress.set(paperId, summarizeProgress(states, (s) => app.scheduler.retrievability(s, now)));
			}
			this.progress = progress;
			this.progressLoaded = true;
		} catch (e) {
			this.error = m.papers_progress_failed({ reason: (e as Error).message });
		}
	}
}
