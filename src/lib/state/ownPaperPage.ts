/**
 * The page data of a paper of the user's own (`/papers/u_…`), shaped like a deck paper's, so the
 * paper page shows it the same way. Read from the collection in the browser: own papers are not
 * prerendered.
 */
import { hasMath } from '../core/foldOwnContent.ts';
import type { LibraryIndex, PaperLink, PaperPageData } from '../deck/libraryData.ts';
import { loadOwnRenderer } from '../own/ownRenderer.ts';
import { ownContent } from './ownAuthoring.ts';

export async function ownPaperPageData(index: LibraryIndex, paperId: string): Promise<(PaperPageData & { own: true }) | null> {
	const content = await ownContent();
	const p = content.papers.find((x) => x.id === paperId);
	if (!p) return null;
	const render = await loadOwnRenderer(hasMath([p.summary]));
	const links = new Map<string, PaperLink>();
	for (const x of index.papers) links.set(x.id, { id: x.id, short: x.short, title: x.title, year: x.year });
	for (const x of content.papers) links.set(x.id, { id: x.id, short: x.short || x.title, title: x.title, year: x.year });
	return {
		own: true,
		paper: {
			id: p.id,
			title: p.title,
			short: p.short || p.title,
			year: p.year,
			org: '',
			...(p.arxiv ? { arxiv: p.arxiv } : {}),
			...(p.url ? { url: p.url } : {}),
			topic: p.topic,
			tier: 0,
			buildsOn: p.buildsOn,
			tags: [],
			authors: [],
			summaryHtml: p.summary ? render(p.summary) : '',
			cardIds: []
		},
		topic: index.topics.find((t) => t.id === p.topic) ?? { id: p.topic, name: p.topic },
		buildsOn: p.buildsOn.flatMap((id) => (links.has(id) ? [links.get(id)!] : [])),
		builtOnBy: content.papers.filter((x) => x.buildsOn.includes(p.id)).map((x) => links.get(x.id)!)
	};
}
