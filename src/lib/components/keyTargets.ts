/** Where a key press lands, for the study pages' keyboard shortcuts. */

/** A text field: shortcuts leave typing alone. */
export function isTyping(target: EventTarget | null): boolean {
	return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** A focused control, on which Space and Enter keep their own meaning. */
export function isControl(target: EventTarget | null): boolean {
	return target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(target.tagName);
}
