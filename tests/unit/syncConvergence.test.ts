/**
 * Property: two or three devices doing random offline work (reviews, undos, suspensions, settings
 * changes) and syncing at random moments through one server end with identical logs, settings
 * events, settings and card-state tables once everyone has synced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/lib/core/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import type { CardEvent, Rating } from '../../src/lib/core/types.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { applySettings } from '../../src/lib/db/applySettings.ts';
import type { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { rebuildStates } from '../../src/lib/db/rebuildStates.ts';
import { loadSettings } from '../../src/lib/db/settingsStore.ts';
import { replicate } from '../../src/lib/sync/replicate.ts';
import { startCouchServer, type CouchServer } from '../couch/startCouchServer.ts';
import { MINUTE, NOW, prng, review } from './factories.ts';
import { cardIds, databaseName, device, deviceState, remote, USER } from './syncHelpers.ts';

let server: CouchServer;
beforeAll(async () => {
	server = await startCouchServer();
}, 30_000);
afterAll(() => server.stop());

async function act(db: PaperdeckDatabase, rand: () => number, atMillis: number, n: number): Promise<void> {
	const settings = await loadSettings(db);
	const scheduler = createScheduler(settings.scheduler);
	const cardId = cardIds[Math.floor(rand() * 4)]!;
	const roll = rand();
	const id = `e${n}-${Math.floor(rand() * 1e9).toString(36)}`;
	let event: CardEvent;
	if (roll < 0.15) {
		const own = await db.events.where('cardId').equals(cardId).toArray();
		if (own.length === 0) return;
		event = { id, type: 'undo', cardId, atMillis, targetId: own[Math.floor(rand() * own.length)]!.id };
	} else if (roll < 0.25) {
		const state = await db.states.get(cardId);
		event = { id, type: state?.suspended ? 'unsuspend' : 'suspend', cardId, atMillis };
	} else if (roll < 0.3) {
		const retention = [0.85, 0.9, 0.93][Math.floor(rand() * 3)]!;
		await applySettings(db, { ...settings, scheduler: { ...settings.scheduler, desiredRetention: retention } });
		return;
	} else {
		event = review(cardId, atMillis, (1 + Math.floor(rand() * 4)) as Rating, 'learn', id);
	}
	await appendEvent(db, event, scheduler);
}

describe('sync convergence (property)', { timeout: 120_000 }, () => {
	for (let seed = 1; seed <= 6; seed++) {
		const devices = seed % 2 === 0 ? 3 : 2;
		it(`${devices} devices, random offline work and syncs (seed ${seed})`, async () => {
			const rand = prng(seed);
			const url = await server.createDatabase(databaseName(), { user: USER.username, password: USER.password });
			const all = await Promise.all(Array.from({ length: devices }, () => device()));
			let t = NOW - 20 * 24 * 60 * MINUTE;
			for (let step = 0; step < 45; step++) {
				t += Math.floor(rand() * 90 * MINUTE);
				const d = all[Math.floor(rand() * devices)]!;
				if (rand() < 0.2) await replicate(d, remote(url), { batchSize: 1 + Math.floor(rand() * 6) });
				else await act(d, rand, t, step);
			}
			// Everyone syncs twice round: the first round gathers everything on the server.
			for (let round = 0; round < 2; round++) for (const d of all) await replicate(d, remote(url), { batchSize: 4 });
			const [first, ...rest] = await Promise.all(all.map(deviceState));
			expect(first!.events.length).toBeGreaterThan(0);
			for (const other of rest) expect(other).toEqual(first);
			expect(first!.settings).toMatchObject({ theme: DEFAULT_SETTINGS.theme });
			// The cached states are exactly what a replay of the merged log gives.
			for (const d of all) expect(await rebuildStates(d, createScheduler((await loadSettings(d)).scheduler))).toEqual([]);
		});
	}
});
