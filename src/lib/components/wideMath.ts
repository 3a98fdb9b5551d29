/**
 * A Svelte attachment for elements that show card or summary HTML. MathML does not break a formula
 * across lines, so one wider than its card scrolls sideways on its own (app.css, `.katex`). A region
 * that scrolls must be reachable by keyboard to be scrolled: each formula that overflows gets
 * `tabindex="0"`, the others none, checked again whenever the element's size changes (a new card's
 * content, a turned phone).
 *
 * One observer serves every element, and it only schedules the check for the next frame: a page with
 * many cards (a paper's page) had an observer per card, and WebKit reported "ResizeObserver loop
 * completed with undelivered notifications" as a page error when a tap resized several at once.
 */
const pending = new Set<Element>();
let frame = 0;
let observer: ResizeObserver | null = null;

function checkPending(): void {
	frame = 0;
	for (const node of pending) {
		for (const f of node.querySelectorAll<HTMLElement>('.katex')) {
			if (f.scrollWidth > f.clientWidth) f.tabIndex = 0;
			else f.removeAttribute('tabindex');
		}
	}
	pending.clear();
}

export function wideMath(node: HTMLElement): () => void {
	observer ??= new ResizeObserver((entries) => {
		for (const e of entries) pending.add(e.target);
		frame ||= requestAnimationFrame(checkPending);
	});
	observer.observe(node);
	return () => {
		observer!.unobserve(node);
		pending.delete(node);
	};
}
