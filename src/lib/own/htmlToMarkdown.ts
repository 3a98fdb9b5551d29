import { deckHtml } from '$lib/security/trustedTypes';

/**
 * A deck card's rendered HTML back to Markdown, to start the user's rewording from (the app ships
 * the deck as HTML, not as its Markdown source). KaTeX keeps each formula's TeX in an annotation, so
 * math comes back as `$…$`; emphasis, code, lists and cloze marks come back as written. Browser only.
 */
export function htmlToMarkdown(html: string): string {
	// Parsed, never inserted: still an HTML sink under Trusted Types, so it goes through the deck-HTML policy.
	const root = new DOMParser().parseFromString(deckHtml(`<body>${html}</body>`), 'text/html').body;
	const walk = (node: Node): string => {
		if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
		if (!(node instanceof Element)) return '';
		if (node.classList.contains('katex-display')) return `$$${tex(node)}$$`;
		if (node.classList.contains('katex')) return `$${tex(node)}$`;
		const inner = () => [...node.childNodes].map(walk).join('');
		switch (node.tagName) {
			case 'P':
				return `${inner()}\n\n`;
			case 'STRONG':
				return `**${inner()}**`;
			case 'EM':
				return `*${inner()}*`;
			case 'CODE':
				return `\`${inner()}\``;
			case 'MARK':
				return `{{${inner()}}}`;
			case 'LI':
				return `- ${inner().trim()}\n`;
			case 'UL':
			case 'OL':
				return `${inner()}\n`;
			case 'BR':
				return '\n';
			default:
				return inner();
		}
	};
	return walk(root).replace(/\n{3,}/g, '\n\n').trim();
}

function tex(el: Element): string {
	return el.querySelector('annotation[encoding="application/x-tex"]')?.textContent?.trim() ?? el.textContent ?? '';
}
