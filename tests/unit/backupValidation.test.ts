import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_SCHEMA_VERSION, backupFileName, serializeBackup, type BackupFile } from '../../src/lib/core/backupFile.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import type { CardEvent } from '../../src/lib/core/types.ts';
import { eventProblem, parseBackup, planMerge } from '../../src/lib/core/validateBackup.ts';
import { settingsProblem } from '../../src/lib/core/validateSettings.ts';
import { DAY, NOW, review, undo } from './factories.ts';

function backupWith(events: unknown[], patch: Record<string, unknown> = {}): string {
	const backup = {
		format: BACKUP_FORMAT,
		schemaVersion: BACKUP_SCHEMA_VERSION,
		appVersion: '0.1.0',
		exportedAtMillis: NOW,
		settings: DEFAULT_SETTINGS,
		custom: {},
		events,
		...patch
	};
	return JSON.stringify(backup);
}

const good = (): CardEvent[] => {
	const r = review('lora/freeze', NOW - DAY, 3);
	return [r, undo(r, NOW - DAY + 1000), { id: 'b1', type: 'bury', cardId: 'lora/zero-init', atMillis: NOW - 5, untilMillis: NOW + DAY }];
};

function reasonFor(text: string): string {
	const parsed = parseBackup(text, NOW);
	expect(parsed.ok).toBe(false);
	return parsed.ok ? '' : parsed.reason;
}

describe('reading a backup file', () => {
	it('reads back exactly what was written', () => {
		const backup: BackupFile = {
			format: BACKUP_FORMAT,
			schemaVersion: BACKUP_SCHEMA_VERSION,
			appVersion: '0.1.0',
			exportedAtMillis: NOW,
			settings: structuredClone(DEFAULT_SETTINGS) as BackupFile['settings'],
			custom: { studyTopics: ['alignment'] },
			events: good()
		};
		const text = serializeBackup(backup);
		// One event per line: readable, greppable.
		expect(text.split('\n').filter((l) => l.startsWith('{"id"'))).toHaveLength(3);
		expect(parseBackup(text, NOW)).toEqual({ ok: true, repeated: 0, backup });
	});

	it('names the download after the local date', () => {
		expect(backupFileName(Date.UTC(2026, 10, 22, 23, 30), 'UTC')).toBe('paperdeck-backup-2026-11-22.json');
		expect(backupFileName(Date.UTC(2026, 10, 22, 23, 30), 'Asia/Tokyo')).toBe('paperdeck-backup-2026-11-23.json');
	});

	it('rejects a truncated file', () => {
		const text = backupWith(good());
		expect(reasonFor(text.slice(0, text.length - 20))).toMatch(/not valid JSON.*damaged or incomplete/);
		expect(reasonFor('')).toMatch(/not valid JSON/);
	});

	it('rejects JSON that is not a Paperdeck backup', () => {
		expect(reasonFor('[1,2,3]')).toBe('This is not a Paperdeck backup file.');
		expect(reasonFor(backupWith(good(), { format: 'anki' }))).toBe('This is not a Paperdeck backup file.');
	});

	it("reads every schema version up to this app's and writes 5 (4: own papers and cards, issue 19; 5: settings events, sync)", () => {
		expect(BACKUP_SCHEMA_VERSION).toBe(5);
		for (const v of [1, 2, 3, 4, 5]) {
			const parsed = parseBackup(backupWith(good(), { schemaVersion: v }), NOW);
			expect(parsed.ok && parsed.backup.schemaVersion, `schema ${v}`).toBe(v);
		}
		expect(reasonFor(backupWith(good(), { schemaVersion: 6 }))).toMatch(/newer Paperdeck \(backup schema 6; this app reads up to 5\)/);
	});

	it('rejects a newer or invalid schema version', () => {
		expect(reasonFor(backupWith(good(), { schemaVersion: BACKUP_SCHEMA_VERSION + 1 }))).toMatch(/newer Paperdeck.*Update the app/);
		expect(reasonFor(backupWith(good(), { schemaVersion: 0 }))).toMatch(/schema version 0 is not valid/);
		expect(reasonFor(backupWith(good(), { schemaVersion: '1' }))).toMatch(/schema version "1" is not valid/);
	});

	it('rejects damaged header fields and settings', () => {
		expect(reasonFor(backupWith(good(), { appVersion: 3 }))).toMatch(/which app version/);
		expect(reasonFor(backupWith(good(), { exportedAtMillis: 'yesterday' }))).toMatch(/export time/);
		expect(reasonFor(backupWith(good(), { custom: [] }))).toMatch(/"custom" section/);
		expect(reasonFor(backupWith(good(), { events: {} }))).toMatch(/no list of events/);
		const badRetention = { ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, desiredRetention: 1.5 } };
		expect(reasonFor(backupWith(good(), { settings: badRetention }))).toMatch(/settings.scheduler.desiredRetention must be a number between 0 and 1/);
	});

	it.each<[string, (e: Record<string, unknown>) => unknown, RegExp]>([
		['not an object', () => 'review', /Event 1 of 3 is not an object/],
		['an unknown type', (e) => ({ ...e, type: 'delete' }), /unknown type "delete"/],
		['a missing id', ({ id: _id, ...e }) => e, /has no id/],
		['an empty id', (e) => ({ ...e, id: '' }), /has id ""; it must be a non-empty id/],
		['a malformed card id', (e) => ({ ...e, cardId: 'no-slash' }), /cardId "no-slash"; it must be a card id/],
		['a rating of 5', (e) => ({ ...e, rating: 5 }), /rating 5; it must be 1, 2, 3 or 4/],
		['a rating as text', (e) => ({ ...e, rating: '3' }), /rating "3"/],
		['an unknown kind', (e) => ({ ...e, kind: 'guess' }), /kind "guess"/],
		['a fractional time', (e) => ({ ...e, atMillis: 1.5 }), /atMillis 1.5; it must be a time in whole milliseconds/],
		['a time before 2000', (e) => ({ ...e, atMillis: 5 }), /dated 1970-01-01.*cannot be right/],
		['a time next week', (e) => ({ ...e, atMillis: NOW + 7 * DAY }), /cannot be right/],
		['a negative duration', (e) => ({ ...e, durationMillis: -1 }), /durationMillis -1/],
		['an extra field', (e) => ({ ...e, note: 'hi' }), /a field "note" that review events do not have/]
	])('rejects an event with %s, naming it', (_what, damage, reason) => {
		const events: unknown[] = good();
		events[0] = damage(events[0] as Record<string, unknown>);
		expect(reasonFor(backupWith(events))).toMatch(reason);
	});

	it('rejects an undo that undoes itself or has no target', () => {
		const events: unknown[] = good();
		events[1] = { ...(events[1] as object), targetId: (events[1] as CardEvent).id };
		expect(reasonFor(backupWith(events))).toMatch(/Event 2 of 3 .*undoes itself/);
		events[1] = { ...(events[1] as object), targetId: undefined };
		expect(reasonFor(backupWith(events))).toMatch(/targetId/);
	});

	it('rejects two different events sharing an id, and keeps identical repeats once', () => {
		const [a, b, c] = good() as [CardEvent, CardEvent, CardEvent];
		expect(reasonFor(backupWith([a, b, c, { ...a, rating: 1 }]))).toMatch(/Events 1 and 4 share the id .* but differ/);
		const parsed = parseBackup(backupWith([a, b, a, c, { ...b }]), NOW);
		expect(parsed.ok && parsed.repeated).toBe(2);
		expect(parsed.ok && parsed.backup.events).toEqual([a, b, c]);
	});

	it('accepts every event type', () => {
		const at = NOW - DAY;
		for (const e of [
			review('a/b', at, 1, 'relearn'),
			{ id: 's', type: 'suspend', cardId: 'a/b', atMillis: at },
			{ id: 'u', type: 'unsuspend', cardId: 'a/b', atMillis: at },
			{ id: 'r', type: 'reset', cardId: 'a/b', atMillis: at },
			{ id: 'b', type: 'bury', cardId: 'a/b', atMillis: at, untilMillis: at + DAY }
		]) {
			expect(eventProblem(e, NOW)).toBeNull();
		}
	});
});

describe('settings in a backup', () => {
	it('accepts defaults, partial settings and fields a newer version added', () => {
		expect(settingsProblem(DEFAULT_SETTINGS)).toBeNull();
		expect(settingsProblem({ study: { newPerDay: 5 } })).toBeNull();
		expect(settingsProblem({ ...DEFAULT_SETTINGS, study: { ...DEFAULT_SETTINGS.study, newCardOrder: 'lineage' } })).toBeNull();
	});

	it.each<[unknown, RegExp]>([
		[null, /must be an object/],
		[{ scheduler: [] }, /settings.scheduler must be an object/],
		[{ scheduler: { weights: [1, 2, 3] } }, /weights must be a list of 17, 19 or 21 numbers/],
		[{ scheduler: { learningSteps: ['10 minutes'] } }, /learningSteps/],
		[{ scheduler: { enableFuzz: 'yes' } }, /enableFuzz must be true or false/],
		[{ study: { rolloverHour: 24 } }, /rolloverHour must be a whole hour from 0 to 23/],
		[{ study: { newPerDay: -1 } }, /newPerDay/],
		[{ theme: 'blue' }, /theme must be one of system, light, dark/]
	])('rejects %j', (settings, reason) => {
		expect(settingsProblem(settings)).toMatch(reason);
	});
});

describe('planning a merge against the log', () => {
	it('splits new from present events and refuses an id naming a different event', () => {
		const [a, b, c] = good() as [CardEvent, CardEvent, CardEvent];
		expect(planMerge([a, b, c], [undefined, { ...b }, undefined])).toEqual({ ok: true, fresh: [a, c], present: 1 });
		const plan = planMerge([a, b], [undefined, { ...b, atMillis: b.atMillis + 1 }]);
		expect(plan.ok).toBe(false);
		expect(!plan.ok && plan.reason).toMatch(/same id as a different event already in your collection/);
	});
});
