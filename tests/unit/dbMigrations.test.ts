/**
 * Every schema version's upgrade, before and after (as tldraw tests its store migrations), and a last
 * test that fails when a declared version has no upgrade test here.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { PaperdeckDatabase, SCHEMAS, SETTINGS_TO_LOG_KEY } from '../../src/lib/db/database.ts';
import { logStoredSettings } from '../../src/lib/db/settingsLog.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { refreshTranslation } from '../../src/lib/db/refreshTranslation.ts';
import { loadCardTranslations } from '../../src/lib/db/translationRows.ts';
import { takeSnapshot } from '../../src/lib/db/snapshots.ts';
import { makeDeck, NOW, review, scheduler } from './factories.ts';

let n = 0;
const names: string[] = [];
afterEach(async () => {
	for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database as version `v` of the app left it: every schema up to `v` declared, nothing later. */
function databaseAt(v: number): Dexie {
	const name = `migration-${++n}`;
	names.push(name);
	const db = new Dexie(name);
	for (const [version, stores] of Object.entries(SCHEMAS)) if (Number(version) <= v) db.version(Number(version)).stores(stores);
	return db;
}

/** The upgrade tests, by the version they upgrade to. */
const upgradeTests: Record<number, () => Promise<void>> = {
	1: async () => {
		// Version 1 is the first schema: a new database opens empty with its four tables.
		const db = new PaperdeckDatabase(`migration-${++n}`);
		names.push(db.name);
		await db.open();
		expect(db.tables.map((t) => t.name).sort()).toEqual(['cards', 'changes', 'events', 'meta', 'settingsLog', 'snapshotData', 'snapshots', 'states', 'sync', 'translations']);
		expect(await db.events.count()).toBe(0);
		db.close();
	},
	2: async () => {
		// Before: a version-1 collection (a deck, a review, settings), written by the app's own code.
		const v1 = databaseAt(1);
		await v1.open();
		await reconcileDeck(v1 as unknown as PaperdeckDatabase, makeDeck(1, 2), scheduler);
		await v1.table('events').add(review('paper-0/card-0', NOW, 3, 'learn', 'r1'));
		await v1.table('meta').put({ key: 'settings', value: { theme: 'dark' } });
		const tables = ['events', 'states', 'cards', 'meta'];
		const before = await Promise.all(tables.map((t) => v1.table(t).toArray()));
		expect(v1.verno).toBe(1);
		v1.close();

		// After: the same data, plus the two snapshot tables, empty and working.
		const db = new PaperdeckDatabase(v1.name);
		await db.open();
		expect(db.verno).toBe(4);
		// (Version 4 adds a row to meta; see its own test.)
		expect(await Promise.all(tables.map((t) => db.table(t).toArray())).then((all) => all.map((rows, i) => (tables[i] === 'meta' ? rows.filter((r) => r.key !== SETTINGS_TO_LOG_KEY) : rows)))).toEqual(before);
		expect(await db.snapshots.count()).toBe(0);
		const snap = await takeSnapshot(db, { nowMillis: NOW, day: 20_000, appVersion: 't', reason: 'manual' });
		expect(snap.eventCount).toBe(1);
		expect(await db.snapshotData.count()).toBe(1);
		db.close();
	},
	3: async () => {
		// Before: a version-2 collection with a review and a snapshot.
		const v2 = databaseAt(2);
		await v2.open();
		await reconcileDeck(v2 as unknown as PaperdeckDatabase, makeDeck(1, 2), scheduler);
		await v2.table('events').add(review('paper-0/card-0', NOW, 3, 'learn', 'r1'));
		// A snapshot as version 2 stored it (written directly: today's takeSnapshot needs the later tables).
		const snapshotId = await v2.table('snapshots').add({ takenAtMillis: NOW, day: 20_000, appVersion: 't', reason: 'manual', eventCount: 1, lastEventMillis: NOW, sizeBytes: 3 });
		await v2.table('snapshotData').add({ id: snapshotId, gzip: new Uint8Array([1, 2, 3]) });
		const tables = ['events', 'states', 'cards', 'meta', 'snapshots', 'snapshotData'];
		const before = await Promise.all(tables.map((t) => v2.table(t).toArray()));
		expect(v2.verno).toBe(2);
		v2.close();

		// After: the same data, plus an empty translations table that stores and reads a language's text.
		const db = new PaperdeckDatabase(v2.name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(await Promise.all(tables.map((t) => db.table(t).toArray()))).toEqual(before);
		expect(await db.translations.count()).toBe(0);
		const outcome = await refreshTranslation(db, 'zh-CN', 'z1', async () => ({
			lang: 'zh-CN',
			version: 'z1',
			papers: [{ id: 'paper-0', summaryHtml: '<p>摘要</p>', summaryText: '摘要' }],
			cards: [{ id: 'paper-0/card-0', promptHtml: '<p>问题</p>', answerHtml: '<p>答案</p>', noteHtml: '', text: '问题 答案' }]
		}));
		expect(outcome).toBe('updated');
		expect((await loadCardTranslations(db, 'zh-CN', ['paper-0/card-0'])).get('paper-0/card-0')?.promptHtml).toBe('<p>问题</p>');
		db.close();
	},
	4: async () => {
		// Before: a version-3 collection with two reviews and settings changed from the defaults.
		const v3 = databaseAt(3);
		await v3.open();
		await reconcileDeck(v3 as unknown as PaperdeckDatabase, makeDeck(1, 2), scheduler);
		await v3.table('events').bulkAdd([review('paper-0/card-0', NOW, 3, 'learn', 'r1'), review('paper-0/card-1', NOW, 3, 'learn', 'r2')]);
		const stored = { ...DEFAULT_SETTINGS, theme: 'dark', study: { ...DEFAULT_SETTINGS.study, newPerDay: 7 } };
		await v3.table('meta').put({ key: 'settings', value: stored });
		const tables = ['events', 'states', 'cards', 'meta', 'snapshots'];
		const before = await Promise.all(tables.map((t) => v3.table(t).toArray()));
		v3.close();

		// After: the same data; both events in the change feed; the changed settings as one settings event
		// (without the theme, a device preference); later writes join the feed.
		const db = new PaperdeckDatabase(v3.name);
		await db.open();
		expect(db.verno).toBe(4);
		expect(await Promise.all(tables.map((t) => db.table(t).toArray())).then((all) => all.map((rows, i) => (tables[i] === 'meta' ? rows.filter((r) => r.key !== SETTINGS_TO_LOG_KEY) : rows)))).toEqual(before);
		// The recording itself runs (lazily) before a sync, a backup or a settings change reads the log.
		await logStoredSettings(db);
		expect(await db.meta.get(SETTINGS_TO_LOG_KEY)).toBeUndefined();
		const settingsEvents = await db.settingsLog.toArray();
		expect(settingsEvents).toHaveLength(1);
		expect(settingsEvents[0]!.settings.study.newPerDay).toBe(7);
		expect('theme' in settingsEvents[0]!.settings).toBe(false);
		expect((await db.changes.toArray()).map((c) => [c.id, c.table])).toEqual([
			['r1', 'events'],
			['r2', 'events'],
			[settingsEvents[0]!.id, 'settingsLog']
		]);
		await appendEvent(db, review('paper-0/card-0', NOW + 60_000, 3, 'learn', 'r3'), scheduler);
		expect((await db.changes.orderBy('seq').last())?.id).toBe('r3');
		db.close();
	}
};

describe('database migrations', () => {
	for (const [version, test] of Object.entries(upgradeTests)) {
		it(`upgrades to version ${version}`, test);
	}

	it('has an upgrade test for every declared version', () => {
		const db = new PaperdeckDatabase('never-opened');
		const declared = Object.keys(SCHEMAS).map(Number);
		// Every version the class declares is in SCHEMAS (verno is Dexie's highest declared version)…
		expect(declared).toEqual(Array.from({ length: db.verno }, (_, i) => i + 1));
		// …and every one of them has its test above.
		expect(Object.keys(upgradeTests).map(Number)).toEqual(declared);
	});
});
