/**
 * Issue 22: the "Prepare for a date" panel's state (WorkloadControl) with a plan of chosen papers: the
 * paper picker's search, the saved plan, and the plan read back on the next visit (home or /interview).
 */
import deckVersion from 'virtual:paperdeck-deck-version';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../src/lib/core/settings.ts';
import { dateOfDay } from '../../src/lib/core/workload.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { loadSettings, SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { openApp } from '../../src/lib/state/openApp.ts';
import { PAPER_MATCHES_SHOWN, WorkloadControl, type PlanPaper } from '../../src/lib/state/workloadControl.svelte.ts';
import { DAY, makeDeck, review, scheduler } from './factories.ts';

// Twenty papers in two topics; paper-3's cards learned long ago, so the plan has cards to bring forward.
const deck = makeDeck(20, 3);
deck.topics.push({ id: 'vision', name: 'Vision' });
for (const p of deck.papers.slice(10)) p.topic = 'vision';
deck.papers[3]!.title = 'Attention Is All You Need';
const papers: PlanPaper[] = deck.papers.map(({ id, short, title, topic }) => ({ id, short, title, topic }));
let loads = 0;
const loadPapers = async () => {
	loads++;
	return papers;
};

beforeAll(async () => {
	const db = new PaperdeckDatabase();
	await reconcileDeck(db, { ...deck, version: deckVersion }, scheduler);
	await db.meta.put({ key: SCHEDULER_KEY, value: schedulerKey(DEFAULT_SCHEDULER_SETTINGS) });
	const start = Date.now() - 60 * DAY;
	for (const c of deck.cards.filter((c) => c.paperId === 'paper-3')) {
		await appendEvent(db, review(c.id, start, 3), scheduler);
		await appendEvent(db, review(c.id, start + 10 * 60_000, 3), scheduler);
	}
	db.close();
});
afterAll(async () => (await openApp()).db.delete());

describe('an interview plan of chosen papers', () => {
	it('finds papers by search, keeps the chosen ones listed, saves them as the scope and reads them back', async () => {
		const control = new WorkloadControl(loadPapers);
		await control.load();
		expect(control.planScope).toBe('topics');
		expect(loads).toBe(0); // the picker loads the papers on first use only
		expect(control.topics).toEqual(['architecture', 'vision']);

		await control.setScope('papers');
		expect(loads).toBe(1);
		expect(control.paperChoices.matchCount).toBe(20);
		expect(control.paperChoices.matches).toHaveLength(PAPER_MATCHES_SHOWN);
		control.paperQuery = 'attention all';
		expect(control.paperChoices.matches.map((p) => p.id)).toEqual(['paper-3']);
		control.togglePaper('paper-3', true);
		control.paperQuery = 'P1';
		// The chosen paper stays listed (first) while the search shows others.
		expect(control.paperChoices.picked.map((p) => p.id)).toEqual(['paper-3']);
		expect(control.paperChoices.matches.map((p) => p.id)).not.toContain('paper-3');
		// Topics ticked before switching to papers do not widen the scope.
		control.toggleTopic('vision', true);

		control.planDate = dateOfDay(control.today + 12);
		await control.savePlan();
		expect(control.error).toBeNull();
		expect(control.done).toMatchObject({ kind: 'plan' });
		const app = await openApp();
		const plan = (await loadSettings(app.db)).workload.interview;
		expect(plan).toEqual({ day: control.today + 12, topics: [], papers: ['paper-3'] });
		// The readiness table covers the chosen paper's topic only, with that paper's cards.
		expect(control.rows.map((r) => [r.topic, r.cards, r.learned])).toEqual([['architecture', 3, 3]]);

		const again = new WorkloadControl(loadPapers);
		await again.load();
		expect(again.planScope).toBe('papers');
		expect(again.planPapers).toEqual(['paper-3']);
		expect(again.paperChoices.picked.map((p) => p.short)).toEqual(['P3']);
	});

	it('refuses a plan of papers with none chosen', async () => {
		const control = new WorkloadControl(loadPapers);
		await control.load();
		await control.setScope('papers');
		control.togglePaper('paper-3', false);
		control.planTopics = ['architecture'];
		await control.savePlan();
		expect(control.error).toBe('plan-invalid');
		expect(control.errorIn).toBe('plan');
	});
});
