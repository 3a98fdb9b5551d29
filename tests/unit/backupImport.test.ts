import { describe, expect, it } from 'vitest';
import { serializeBackup, type BackupFile } from '../../src/lib/core/backupFile.ts';
import { compareEvents } from '../../src/lib/core/events.ts';
import { createScheduler } from '../../src/lib/core/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { winningSettingsEvent } from '../../src/lib/core/settingsEvent.ts';
import type { CardEvent } from '../../src/lib/core/types.ts';
import { parseBackup } from '../../src/lib/core/validateBackup.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { exportBackup } from '../../src/lib/db/exportBackup.ts';
import { applyImport, ImportRejectedError, previewImport } from '../../src/lib/db/importBackup.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { rebuildStates } from '../../src/lib/db/rebuildStates.ts';
import { saveSettings } from '../../src/lib/db/settingsLog.ts';
import { loadSettings } from '../../src/lib/db/settingsStore.ts';
import { storedEvents } from '../../src/lib/db/storedEvents.ts';
import { DAY, makeDeck, NOW, review, scheduler, mixedLog } from './factories.ts';
import { testCollection } from './testCollection.ts';

const deck = makeDeck(4, 5);
const cardIds = deck.cards.map((c) => c.id);

/** A collection with the test deck, and `events` in its log (as if reviewed on this device). */
async function collection(events: readonly CardEvent[] = []): Promise<PaperdeckDatabase> {
	const db = await testCollection(deck);
	if (events.length > 0) await applyImport(db, fileOf(events), { useSettings: false });
	return db;
}

function fileOf(events: readonly CardEvent[]): BackupFile {
	return {
		format: 'paperdeck-backup',
		schemaVersion: 1,
		appVersion: 'test',
		exportedAtMillis: NOW,
		settings: DEFAULT_SETTINGS,
		custom: {},
		events: [...events]
	};
}

/** Every table, for "nothing changed" checks. */
async function dump(db: PaperdeckDatabase) {
	const [events, states, cards, meta] = await Promise.all([
		db.events.toArray(),
		db.states.toArray(),
		db.cards.toArray(),
		db.meta.toArray()
	]);
	return { events, states, cards, meta };
}

/** What the data page does with a file: validate all of it, preview, then import. */
async function importText(db: PaperdeckDatabase, text: string, useSettings = false) {
	const parsed = parseBackup(text, NOW);
	if (!parsed.ok) throw new ImportRejectedError(parsed.reason);
	await previewImport(db, parsed.backup);
	return applyImport(db, parsed.backup, { useSettings });
}

/** The log as a set (sorted by the log's order) and the states, to compare collections. */
async function contents(db: PaperdeckDatabase) {
	const events = (await db.events.toArray()).sort(compareEvents);
	const states = (await db.states.toArray()).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
	return { events, states };
}

describe('export and import', () => {
	it('export → import into an empty collection gives the same log, states and settings', async () => {
		const source = await collection(mixedLog(1, cardIds, 400));
		const settings = await loadSettings(source);
		settings.study.newPerDay = 7;
		settings.scheduler = { ...settings.scheduler, desiredRetention: 0.85 };
		await saveSettings(source, settings, NOW - DAY);
		await rebuildStates(source, createScheduler(settings.scheduler));
		await source.meta.put({ key: 'studyTopics', value: ['alignment'] });

		const text = serializeBackup(await exportBackup(source, '0.1.0', NOW));
		const target = await collection();
		const parsed = parseBackup(text, NOW);
		expect(parsed.ok).toBe(true);
		const preview = await previewImport(target, parsed.ok ? parsed.backup : fileOf([]));
		expect(preview).toMatchObject({ fresh: 400, present: 0, settingsDiffer: true, emptyCollection: true });

		const result = await importText(target, text, true);
		expect(result.added).toBe(400);
		expect(await loadSettings(target)).toEqual(settings);
		expect((await target.meta.get('studyTopics'))?.value).toEqual(['alignment']);
		expect(await contents(target)).toEqual(await contents(source));
	});

	it('keeps this device settings unless asked, and never imports device-local keys', async () => {
		const source = await collection([review(cardIds[0]!, NOW - DAY, 3)]);
		await saveSettings(source, { ...DEFAULT_SETTINGS, theme: 'dark' });
		const backup = await exportBackup(source, '0.1.0', NOW);
		backup.custom.deckVersion = 'forged';
		const target = await collection();
		const deckVersion = await target.meta.get('deckVersion');
		await applyImport(target, backup, { useSettings: false });
		expect((await loadSettings(target)).theme).toBe('system');
		await applyImport(target, backup, { useSettings: true });
		expect((await loadSettings(target)).theme).toBe('dark');
		expect(await target.meta.get('deckVersion')).toEqual(deckVersion);
	});

	it("asked to, takes the backup's settings even where this device changed its own after the backup was made", async () => {
		const source = await collection([review(cardIds[0]!, NOW - DAY, 3)]);
		const theirs = { ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, desiredRetention: 0.8 } };
		await saveSettings(source, theirs, NOW - 3 * DAY);
		const backup = await exportBackup(source, '0.1.0', NOW - 2 * DAY);
		const mine = { ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, desiredRetention: 0.95 } };
		const target = await collection();
		await saveSettings(target, mine, NOW - DAY);
		expect((await previewImport(target, backup)).settingsDiffer).toBe(true);
		// Not asked: the logs merge and the later change, this device's, stays in force.
		await applyImport(target, backup, { useSettings: false });
		expect((await loadSettings(target)).scheduler.desiredRetention).toBe(0.95);
		// Asked: the backup's settings are a change made now, in force here and for devices that sync.
		await applyImport(target, backup, { useSettings: true });
		expect((await loadSettings(target)).scheduler.desiredRetention).toBe(0.8);
		expect(winningSettingsEvent(await target.settingsLog.toArray())?.settings.scheduler.desiredRetention).toBe(0.8);
		expect((await previewImport(target, backup)).settingsDiffer).toBe(false);
	});

	it('previews what a second device adds: new reviews and ones already present', async () => {
		const mine = mixedLog(2, cardIds, 100);
		const theirs = mixedLog(3, cardIds, 50);
		const db = await collection(mine);
		const preview = await previewImport(db, fileOf([...mine.slice(0, 30), ...theirs]));
		expect(preview.fresh).toBe(50);
		expect(preview.freshReviews).toBe(theirs.filter((e) => e.type === 'review').length);
		expect(preview.present).toBe(30);
		expect(preview.cards).toBe(new Set(theirs.map((e) => e.cardId)).size);
		expect(preview.emptyCollection).toBe(false);
	});

	it('imports an event for a card not (yet) in the deck, kept out of study', async () => {
		const db = await collection();
		await applyImport(db, fileOf([review('future-paper/card', NOW - DAY, 3)]), { useSettings: false });
		expect((await db.states.get('future-paper/card'))?.queue).toBe('retired');
	});
});

describe('a rejected import changes nothing', () => {
	const malformed: [string, (text: string) => string][] = [
		['truncated JSON', (t) => t.slice(0, Math.floor(t.length / 2))],
		['a wrong schema version', (t) => t.replace('"schemaVersion":1', '"schemaVersion":99')],
		['a bad event', (t) => t.replace('"rating":3', '"rating":9')],
		[
			'a duplicate id with different content in the file',
			(t) => {
				const data = JSON.parse(t) as BackupFile;
				data.events.push({ ...(data.events[0] as CardEvent), atMillis: NOW - 3 });
				return JSON.stringify(data);
			}
		]
	];

	it.each(malformed)('rejects %s and leaves the database as it was', async (_what, damage) => {
		const db = await collection(mixedLog(4, cardIds, 60));
		const before = await dump(db);
		const text = damage(serializeBackup(fileOf(mixedLog(5, cardIds, 40).map((e) => (e.type === 'review' ? { ...e, rating: 3 as const } : e)))));
		await expect(importText(db, text)).rejects.toBeInstanceOf(ImportRejectedError);
		expect(await dump(db)).toEqual(before);
	});

	it('rejects an id that names a different event already in the database, in the preview and in the import', async () => {
		const mine = mixedLog(6, cardIds, 60);
		const db = await collection(mine);
		const before = await dump(db);
		const forged = { ...mine[10]!, atMillis: mine[10]!.atMillis + 1 };
		const file = fileOf([review(cardIds[1]!, NOW - 1000, 4), forged]);
		await expect(previewImport(db, file)).rejects.toThrow(/same id as a different event/);
		await expect(importText(db, serializeBackup(file))).rejects.toBeInstanceOf(ImportRejectedError);
		expect(await dump(db)).toEqual(before);
	});
});

describe('merging logs (the set union by event id)', () => {
	// Three devices that share some history (a backup restored on each), then diverge.
	const shared = mixedLog(10, cardIds, 120, NOW - 300 * DAY);
	const a = [...shared.slice(0, 100), ...mixedLog(11, cardIds, 150, NOW - 200 * DAY)];
	const b = [...shared.slice(50), ...mixedLog(12, cardIds, 150, NOW - 210 * DAY)];
	const c = [...shared.slice(20, 90), ...mixedLog(13, cardIds, 150, NOW - 190 * DAY)];

	async function merged(...logs: CardEvent[][]) {
		const db = await collection();
		for (const log of logs) await applyImport(db, fileOf(log), { useSettings: false });
		return db;
	}

	it('is idempotent: importing the same backup twice changes nothing', async () => {
		const db = await merged(a);
		const once = await dump(db);
		const again = await applyImport(db, await exportBackup(db, 't', NOW), { useSettings: false });
		expect(again).toMatchObject({ added: 0, present: a.length, rebuilt: 0 });
		await applyImport(db, fileOf(a), { useSettings: false });
		expect(await dump(db)).toEqual(once);
	});

	it('is commutative: A then B equals B then A, as events and as states', async () => {
		const ab = await contents(await merged(a, b));
		const ba = await contents(await merged(b, a));
		expect(ab.events.length).toBe(new Set([...a, ...b].map((e) => e.id)).size);
		expect(ab).toEqual(ba);
	});

	it('is associative: (A ∪ B) ∪ C equals A ∪ (B ∪ C)', async () => {
		const exportOf = async (db: PaperdeckDatabase) => (await exportBackup(db, 't', NOW)).events;
		const left = await contents(await merged(await exportOf(await merged(a, b)), c));
		const right = await contents(await merged(a, await exportOf(await merged(b, c))));
		expect(left).toEqual(right);
		expect(left).toEqual(await contents(await merged(a, b, c)));
	});

	it('gives the states a replay of the union gives (as on a device that saw every review live)', async () => {
		const union = await contents(await merged(a, b, c));
		const live = await collection();
		const all = [...new Map([...a, ...b, ...c].map((e) => [e.id, e])).values()].sort(compareEvents);
		for (const e of all) await appendEvent(live, e, scheduler);
		expect(await contents(live)).toEqual(union);
	});
});

describe('reading stored events for a large import', () => {
	it('finds present and absent events the same way for few and for many ids', async () => {
		const log = mixedLog(20, cardIds, 3000);
		const db = await collection(log.slice(0, 2500));
		const ask = async (events: CardEvent[]) => db.transaction('r', db.events, () => storedEvents(db, events.map((e) => e.id)));
		const stored = new Set(log.slice(0, 2500));
		const expected = (events: CardEvent[]) => events.map((e) => (stored.has(e) ? e : undefined));
		// Few ids (lookups), many ids with few present (keys then lookups), many ids mostly present (one read).
		for (const sample of [log.slice(2400, 2600), [...log.slice(2490, 2510), ...mixedLog(21, cardIds, 1500)], log]) {
			expect(await ask(sample)).toEqual(expected(sample));
		}
		// And a merge of 3,000 events, 2,500 of them present, adds exactly the 500 others.
		const before = await contents(db);
		await applyImport(db, fileOf(log), { useSettings: false });
		const after = await contents(db);
		expect(after.events).toHaveLength(3000);
		expect(after.events).toEqual([...log].sort(compareEvents));
		expect(before.events).toHaveLength(2500);
	}, 30_000); // fake-indexeddb is slow with thousands of rows
});
