/**
 * A Svelte attachment for elements that show card or summary HTML. MathML does not break a formula
 * across lines, so one wider than its card scrolls sideways on its own (app.css, `.katex`). A region
 * that scrolls must be reachable by keyboard to be scrolled: each formula that overflows gets
 * `tabindex="0"`, the others none, checked again whenever the element's size changes (a new card's
 * content, a turned phone).
 */
export function wideMath(node: HTMLElement): () => void {
	const resized = new ResizeObserver(() => {
		for (const f of node.querySelectorAll<HTMLElement>('.katex')) {
			if (f.scrollWidth > f.clientWidth) f.tabIndex = 0;
			else f.removeAttribute('tabindex');
		}
	});
	resized.observe(node);
	return () => resized.disconnect();
}
