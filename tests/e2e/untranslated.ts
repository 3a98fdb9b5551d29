/**
 * Finds text a page shows in the wrong language: every text node and every text attribute a person or
 * a screen reader meets (hidden ones too: they show at another width or state), except what is marked
 * as being in another language (`lang`), which is how the app marks the deck's English content.
 */
import type { Page } from 'playwright-core';

/** Names and acronyms that stay Latin in the Chinese interface. */
const LATIN_ALLOWED = [
	...['Paperdeck', 'FSRS', 'arXiv', 'RMSE', 'RLHF', 'RAG', 'PEFT', 'Safari', 'KB', 'MB', 'GB', 'TB'],
	// File formats, and the CSV column names an import file must use (literal, so not translated).
	...['Markdown', 'CSV', '.zip', 'question', 'answer', 'paper', 'note'],
	// The sync servers by their product names, and the browser's cookie (which Chinese browsers call Cookie too).
	...['Apache CouchDB', 'CouchDB', 'IBM Cloudant', 'PouchDB Server', 'Cookie']
];

export interface Stray {
	where: string;
	text: string;
}

/**
 * `expected`: the interface language. In Chinese, any run of two or more Latin letters (outside the
 * names above) is English left behind; in English, any Chinese character is. In both, a message key
 * shown instead of its text (Paraglide shows the key of a message without a matching variant).
 */
export function strayText(page: Page, expected: 'en' | 'zh-CN'): Promise<Stray[]> {
	return page.evaluate(
		({ expected, allowed }) => {
			const stray: { where: string; text: string }[] = [];
			const ATTRIBUTES = ['aria-label', 'placeholder', 'title', 'alt', 'aria-valuetext', 'aria-description'];
			// Text marked with a language of its own (the deck's English, a language's own name) is not the interface's.
			const marked = (el: Element) => el.closest('[lang]') !== document.documentElement;
			const key = /\b[a-z]+(?:_[a-z0-9]+)+\b/;
			const wrong = (text: string): boolean => {
				if (key.test(text)) return true;
				if (expected === 'en') return /[\u3400-\u9fff]/.test(text);
				// An example address is an address in every language.
				let rest = text.replace(/https?:\/\/\S+/g, ' ');
				for (const word of allowed) rest = rest.split(word).join(' ');
				return /[A-Za-z]{2,}/.test(rest);
			};
			const describe = (el: Element) => {
				const id = el.id ? `#${el.id}` : '';
				const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
				return `${el.tagName.toLowerCase()}${id}${cls}`;
			};
			// A title naming deck content (a paper's name) is checked without it: the page shows that name marked lang="en".
			let title = document.title;
			for (const el of document.querySelectorAll('body [lang="en"]')) {
				const name = el.textContent?.trim();
				if (name && expected !== 'en') title = title.split(name).join(' ');
			}
			if (wrong(title)) stray.push({ where: 'title', text: document.title });
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const parent = node.parentElement!;
				if (parent.closest('script, style, template')) continue;
				const text = node.nodeValue!.trim();
				if (!text || marked(parent)) continue;
				if (wrong(text)) stray.push({ where: describe(parent), text });
			}
			for (const el of document.body.querySelectorAll('*')) {
				if (marked(el)) continue;
				for (const name of ATTRIBUTES) {
					const value = el.getAttribute(name);
					if (value && wrong(value)) stray.push({ where: `${describe(el)}[${name}]`, text: value });
				}
			}
			return stray;
		},
		{ expected, allowed: LATIN_ALLOWED }
	);
}
