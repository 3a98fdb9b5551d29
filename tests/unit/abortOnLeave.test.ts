/**
 * abortOnLeave's rules, with an EventTarget in the window's place (the events are the browser's; that
 * WebKit really froze a worker's transaction is the workload suite's end-to-end test).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let win: EventTarget;
let reloads: number;

async function load() {
	vi.resetModules();
	win = new EventTarget();
	reloads = 0;
	vi.stubGlobal('window', win);
	vi.stubGlobal('location', { reload: () => reloads++ });
	return import('../../src/lib/state/abortOnLeave.ts');
}
const pageEvent = (type: 'pagehide' | 'pageshow', persisted: boolean) => win.dispatchEvent(Object.assign(new Event(type), { persisted }));

describe('abortOnLeave', () => {
	let abortOnLeave: Awaited<ReturnType<typeof load>>['abortOnLeave'];
	beforeEach(async () => {
		({ abortOnLeave } = await load());
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('fires when the person leaves, not before, and not for work that is done', () => {
		const running = abortOnLeave();
		const finished = abortOnLeave();
		finished.done();
		expect(running.signal.aborted).toBe(false);
		pageEvent('pagehide', true);
		expect(running.signal.aborted).toBe(true);
		expect(finished.signal.aborted).toBe(false);
	});

	it('has already fired for work started after the person left (a frozen page would run it)', () => {
		pageEvent('pagehide', true);
		expect(abortOnLeave().signal.aborted).toBe(true);
		// Brought back from the back/forward cache: work starts normally again.
		pageEvent('pageshow', true);
		expect(abortOnLeave().signal.aborted).toBe(false);
	});

	it('reloads a page brought back once, however much work was cut', () => {
		abortOnLeave();
		abortOnLeave();
		pageEvent('pagehide', true);
		pageEvent('pageshow', true);
		expect(reloads).toBe(1);
	});

	it('does not reload a page brought back when nothing was running as it was left', () => {
		abortOnLeave().done();
		pageEvent('pagehide', true);
		pageEvent('pageshow', true);
		expect(reloads).toBe(0);
	});
});
