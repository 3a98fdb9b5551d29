/**
 * The replication client against a real CouchDB-protocol server (express-pouchdb, fullCouchDB mode):
 * batches, checkpoints on both sides, resuming after a connection dropped at every step, idempotent
 * re-push, invalid documents skipped and counted, id collisions reported, and the auth failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/lib/core/settings.ts';
import { toDocument } from '../../src/lib/core/sync/eventDocument.ts';
import { saveSettings } from '../../src/lib/db/settingsLog.ts';
import { loadSettings, SCHEDULER_KEY, schedulerKey } from '../../src/lib/db/settingsStore.ts';
import { markUnsettled, settlePulledCards, UNSETTLED_KEY } from '../../src/lib/db/settlePulledCards.ts';
import { clearSyncState, pendingChanges } from '../../src/lib/db/syncStore.ts';
import { replicate, pushedSeq } from '../../src/lib/sync/replicate.ts';
import { SyncError } from '../../src/lib/sync/syncError.ts';
import { startCouchServer, type CouchServer } from '../couch/startCouchServer.ts';
import { DAY, mixedLog, NOW, review, scheduler } from './factories.ts';
import { rebuildStates } from '../../src/lib/db/rebuildStates.ts';
import { appendEvent } from '../../src/lib/db/appendEvent.ts';
import { cardIds, databaseName, device, deviceState, remote, USER } from './syncHelpers.ts';

let server: CouchServer;
beforeAll(async () => {
	server = await startCouchServer();
}, 30_000);
afterAll(() => server.stop());

async function newDatabase(): Promise<string> {
	return server.createDatabase(databaseName(), { user: USER.username, password: USER.password });
}

async function serverIds(url: string): Promise<string[]> {
	const res = await server.admin(`${new URL(url).pathname}/_all_docs`);
	return ((await res.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
}

describe('replication client', { timeout: 60_000 }, () => {
	it('copies a log both ways in batches and keeps checkpoints on both sides', async () => {
		const url = await newDatabase();
		const a = await device(mixedLog(1, cardIds, 60));
		const b = await device(mixedLog(2, cardIds, 25));
		const first = await replicate(a, remote(url), { batchSize: 7 });
		expect(first).toMatchObject({ sent: 60, received: 0, invalid: 0, collisions: [] });
		const second = await replicate(b, remote(url), { batchSize: 7 });
		expect(second).toMatchObject({ sent: 25, received: 60 });
		const third = await replicate(a, remote(url), { batchSize: 7 });
		expect(third).toMatchObject({ sent: 0, received: 25 });
		expect(await deviceState(a)).toEqual(await deviceState(b));
		// Pulled events folded onto cached states give what a replay of the whole log gives.
		expect(await rebuildStates(b, scheduler)).toEqual([]);
		expect(await rebuildStates(a, scheduler)).toEqual([]);
		expect((await serverIds(url)).length).toBe(85);
		// Checkpoints: in _local documents on the server and in the device's sync table.
		const local = await a.sync.filter((r) => r.key.startsWith('checkpoint:')).toArray();
		expect(local).toHaveLength(2);
		for (const row of local) {
			const id = row.key.slice('checkpoint:'.length);
			const res = await server.admin(`${new URL(url).pathname}/_local/${id}`);
			expect(res.status).toBe(200);
			expect(((await res.json()) as { source_last_seq: unknown }).source_last_seq).toEqual((row.value as { source_last_seq: unknown }).source_last_seq);
		}
		// Nothing left to do; nothing pending.
		expect(await replicate(b, remote(url))).toMatchObject({ sent: 0, received: 0 });
		expect(await pendingChanges(b, await pushedSeq(b, url))).toBe(0);
	});

	it('re-pushes idempotently when the checkpoints are lost', async () => {
		const url = await newDatabase();
		const a = await device(mixedLog(3, cardIds, 30));
		await replicate(a, remote(url));
		await clearSyncState(a, ['deviceId']);
		expect(await replicate(a, remote(url), { batchSize: 8 })).toMatchObject({ sent: 0, received: 0 });
		expect((await serverIds(url)).length).toBe(30);
		const res = await server.admin(`${new URL(url).pathname}/_changes?style=all_docs&conflicts=true&include_docs=true`);
		const rows = ((await res.json()) as { results: { doc: { _conflicts?: unknown } }[] }).results;
		expect(rows.filter((r) => r.doc._conflicts)).toEqual([]);
	});

	for (const mode of ['before the request', 'after the server answered'] as const) {
		it(`loses and doubles nothing when the connection drops ${mode}, at every step`, async () => {
			const url = await newDatabase();
			const theirs = mixedLog(4, cardIds, 23);
			const mine = mixedLog(5, cardIds, 11);
			await replicate(await device(theirs), remote(url));
			// Count the requests of an uninterrupted sync.
			let requests = 0;
			const counting: typeof fetch = (input, init) => {
				requests++;
				return fetch(input, init);
			};
			const probe = await device(mine);
			await replicate(probe, remote(url, { fetch: counting }), { batchSize: 5 });
			const expected = await deviceState(probe);
			const total = requests;
			expect(total).toBeGreaterThan(10);
			for (let k = 1; k <= total; k++) {
				const url2 = await newDatabase();
				await replicate(await device(theirs), remote(url2));
				const b = await device(mine);
				let n = 0;
				const dropping: typeof fetch = async (input, init) => {
					if (++n !== k) return fetch(input, init);
					if (mode === 'after the server answered') await (await fetch(input, init)).text();
					throw new TypeError('network connection lost');
				};
				await expect(replicate(b, remote(url2, { fetch: dropping }), { batchSize: 5 })).rejects.toBeInstanceOf(SyncError);
				await replicate(b, remote(url2), { batchSize: 5 });
				const state = await deviceState(b);
				expect(state.events).toEqual(expected.events);
				expect(state.states).toEqual(expected.states);
				const ids = await serverIds(url2);
				expect(ids.length).toBe(34);
				expect(new Set(ids).size).toBe(34);
				expect(await replicate(b, remote(url2))).toMatchObject({ sent: 0, received: 0 });
			}
		}, 120_000);
	}

	it('pulls a large log in big batches (bodies inline, known ids read once) and replays its cards once, at the end', async () => {
		const url = await newDatabase();
		const log = mixedLog(7, cardIds, 2600);
		await replicate(await device(log), remote(url));
		// B already holds some of those events, and has one of its own.
		const own = review(cardIds[0]!, NOW - DAY, 3);
		const b = await device([...log.slice(0, 150), own]);
		let changesRequests = 0;
		const counting: typeof fetch = (input, init) => {
			if (String(input).includes('/_changes')) changesRequests++;
			return fetch(input, init);
		};
		const report = await replicate(b, remote(url, { fetch: counting }));
		expect(report).toMatchObject({ received: 2600 - 150, sent: 1, invalid: 0, collisions: [] });
		expect(changesRequests).toBe(2);
		expect((await deviceState(b)).events).toHaveLength(2601);
		// The cache is valid again and matches a replay of the whole log; nothing pulled waits to be pushed.
		expect(await b.sync.get(UNSETTLED_KEY)).toBeUndefined();
		expect((await b.meta.get(SCHEDULER_KEY))?.value).toBe(schedulerKey((await loadSettings(b)).scheduler));
		expect(await rebuildStates(b, scheduler)).toEqual([]);
		expect(await pendingChanges(b, await pushedSeq(b, url))).toBe(0);
	});

	it('marks the state cache stale while a pull is being applied, so a restart before its end rebuilds it', async () => {
		const b = await device();
		await markUnsettled(b, [cardIds[0]!], false);
		expect((await b.meta.get(SCHEDULER_KEY))?.value).not.toBe(schedulerKey((await loadSettings(b)).scheduler));
		expect(await settlePulledCards(b)).toBe(1);
		expect((await b.meta.get(SCHEDULER_KEY))?.value).toBe(schedulerKey((await loadSettings(b)).scheduler));
		expect(await b.sync.get(UNSETTLED_KEY)).toBeUndefined();
	});

	it("settles a pull through the task worker's handler (what the app runs off the main thread)", async () => {
		const { handleTask } = await import('../../src/lib/workers/handleTask.ts');
		const b = await device();
		await markUnsettled(b, [cardIds[0]!, cardIds[1]!], false);
		expect(await handleTask(b, { type: 'settle-pull' }, () => {})).toEqual({ cards: 2 });
		expect((await b.meta.get(SCHEDULER_KEY))?.value).toBe(schedulerKey((await loadSettings(b)).scheduler));
		expect(await b.sync.get(UNSETTLED_KEY)).toBeUndefined();
	});

	it('skips and counts documents that are not Paperdeck events, and applies the rest', async () => {
		const url = await newDatabase();
		const path = new URL(url).pathname;
		const good = mixedLog(6, cardIds, 5);
		const bad = [
			{ _id: 'not-an-event', hello: 'world' },
			{ ...toDocument(review(cardIds[0]!, NOW, 3, 'learn', 'bad-rating')), rating: 9, _rev: undefined },
			{ _id: 'mismatch', ...review(cardIds[0]!, NOW, 3, 'learn', 'other-id') },
			{ _id: 'future', ...review(cardIds[0]!, Date.now() + 10 * DAY, 3, 'learn', 'future') }
		].map((doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => k !== '_rev')));
		const res = await server.admin(`${path}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: [...bad, ...good.map(({ ...e }) => ({ _id: e.id, ...e }))] }) });
		expect(res.status).toBe(201);
		const b = await device();
		const report = await replicate(b, remote(url), { batchSize: 3 });
		expect(report).toMatchObject({ received: 5, invalid: 4, collisions: [] });
		expect((await b.events.toArray()).map((e) => e.id).sort()).toEqual(good.map((e) => e.id).sort());
	});

	it('reports an id that names a different event here, keeps the local one and applies the rest', async () => {
		const url = await newDatabase();
		const path = new URL(url).pathname;
		const mine = review(cardIds[0]!, NOW - DAY, 3, 'learn', 'shared-id');
		const forged = { ...mine, rating: 1 };
		const other = review(cardIds[1]!, NOW - DAY, 4, 'learn', 'other');
		await server.admin(`${path}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: [forged, other].map((e) => ({ _id: e.id, ...e })) }) });
		const b = await device([mine]);
		const report = await replicate(b, remote(url));
		expect(report.collisions).toEqual(['shared-id']);
		expect(report.received).toBe(1);
		expect(await b.events.get('shared-id')).toEqual(mine);
		expect(await b.events.get('other')).toEqual(other);
	});

	it('makes settings converge: the latest change by time then id wins on every device', async () => {
		const url = await newDatabase();
		const a = await device(mixedLog(7, cardIds, 40));
		const b = await device();
		await saveSettings(a, { ...DEFAULT_SETTINGS, theme: 'dark', study: { ...DEFAULT_SETTINGS.study, newPerDay: 5 } }, NOW);
		const later = { ...DEFAULT_SETTINGS, scheduler: { ...DEFAULT_SETTINGS.scheduler, desiredRetention: 0.8 } };
		await saveSettings(b, later, NOW + 1000);
		await replicate(a, remote(url));
		await replicate(b, remote(url));
		await replicate(a, remote(url));
		const [sa, sb] = [await loadSettings(a), await loadSettings(b)];
		expect(sa.scheduler.desiredRetention).toBe(0.8);
		expect(sa.study.newPerDay).toBe(20);
		// The theme is a device preference: it stayed on A.
		expect(sa.theme).toBe('dark');
		expect(sb.theme).toBe('system');
		const [da, db] = [await deviceState(a), await deviceState(b)];
		expect(da.events).toEqual(db.events);
		expect(da.states).toEqual(db.states);
		expect(da.settingsEvents).toEqual(db.settingsEvents);
		expect({ ...sa, theme: 'system' }).toEqual(sb);
	});

	describe('failures change nothing locally', () => {
		it('wrong password', async () => {
			const url = await newDatabase();
			const b = await device(mixedLog(8, cardIds, 5));
			const before = await deviceState(b);
			const err = await replicate(b, remote(url, { credentials: { ...USER, password: 'wrong' } })).catch((e) => e);
			expect(err).toBeInstanceOf(SyncError);
			expect(err.kind).toBe('unauthorized');
			expect(await deviceState(b)).toEqual(before);
			expect(await b.sync.filter((r) => r.key.startsWith('checkpoint:')).count()).toBe(0);
		});

		it('a database the user is not a member of', async () => {
			await newDatabase();
			const other = await server.createDatabase(databaseName(), { user: 'bob', password: 'bobs secret' });
			const b = await device(mixedLog(9, cardIds, 5));
			const before = await deviceState(b);
			const err = await replicate(b, remote(other)).catch((e) => e);
			expect(err).toBeInstanceOf(SyncError);
			expect(['forbidden', 'unauthorized']).toContain(err.kind);
			expect(await deviceState(b)).toEqual(before);
		});

		it('a server that is not CouchDB, and one that never answers', async () => {
			const { createServer } = await import('node:http');
			const hang: import('node:http').ServerResponse[] = [];
			const web = createServer((req, res) => {
				if (req.url?.startsWith('/slow')) return void hang.push(res);
				res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
			});
			await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
			const port = (web.address() as import('node:net').AddressInfo).port;
			const b = await device(mixedLog(10, cardIds, 5));
			const before = await deviceState(b);
			const notCouch = await replicate(b, remote(`http://127.0.0.1:${port}/db`)).catch((e) => e);
			expect(notCouch.kind).toBe('notCouch');
			const slow = await replicate(b, remote(`http://127.0.0.1:${port}/slow`, { timeoutMillis: 300 })).catch((e) => e);
			expect(slow.kind).toBe('timeout');
			expect(await deviceState(b)).toEqual(before);
			for (const res of hang) res.end();
			web.closeAllConnections();
			await new Promise((r) => web.close(r));
		});
	});
});

describe('own content through sync (issue 19)', { timeout: 60_000 }, () => {
	it("carries own papers, own cards and a deck card's rewording like any event, and renders them on the pulling device", async () => {
		const { appendContentEvents, readOwnContent } = await import('../../src/lib/db/ownContentStore.ts');
		const { createOwnRenderer } = await import('../../src/lib/own/renderOwnMarkdown.ts');
		const katex = (await import('katex')).default;
		const render = createOwnRenderer(katex);
		const url = await newDatabase();
		const at = NOW - 10 * 60_000;
		const content = [
			{ id: 'own-p', cardId: 'u_abc/_paper', atMillis: at, type: 'paperSet', title: 'My paper', short: 'Mine', year: 2025, arxiv: '', url: '', topic: 'architecture', buildsOn: '', summary: 'What it does.' },
			{ id: 'own-c', cardId: 'u_abc/u_k1', atMillis: at + 1, type: 'cardSet', cardType: 'basic', prompt: 'Why $\\sqrt{d}$?', answer: 'Scale.', note: '' },
			{ id: 'own-o', cardId: cardIds[1]!, atMillis: at + 2, type: 'cardSet', cardType: 'basic', prompt: 'My wording?', answer: 'Mine.', note: '' }
		] as const;
		const a = await device(mixedLog(8, cardIds, 10));
		await appendContentEvents(a, content as never, render, scheduler);
		await appendEvent(a, review('u_abc/u_k1', NOW - 60_000, 3, 'learn', 'own-review'), scheduler);
		expect(await replicate(a, remote(url))).toMatchObject({ sent: 14, invalid: 0 });
		const b = await device();
		expect(await replicate(b, remote(url))).toMatchObject({ received: 14, invalid: 0, collisions: [] });
		// The pulled content is rendered into B's cards like A's, and its cache folds the same content.
		expect(await b.sync.get(UNSETTLED_KEY)).toBeUndefined();
		expect(await readOwnContent(b)).toEqual(await readOwnContent(a));
		for (const id of ['u_abc/u_k1', cardIds[1]!]) expect(await b.cards.get(id)).toEqual(await a.cards.get(id));
		expect((await b.cards.get(cardIds[1]!))?.edited).toBe(1);
		expect((await b.states.get('u_abc/u_k1'))?.reps).toBe((await a.states.get('u_abc/u_k1'))?.reps);
	});

	it('carries the undo of own content: a rollback on one device removes the paper and card on the other', async () => {
		const { appendContentEvents, readOwnContent } = await import('../../src/lib/db/ownContentStore.ts');
		const { createOwnRenderer } = await import('../../src/lib/own/renderOwnMarkdown.ts');
		const { exportBackup } = await import('../../src/lib/db/exportBackup.ts');
		const { rollbackToSnapshot } = await import('../../src/lib/db/rollback.ts');
		const render = createOwnRenderer((await import('katex')).default);
		const url = await newDatabase();
		const at = NOW - 10 * 60_000;
		const a = await device(mixedLog(9, cardIds, 6));
		const before = await exportBackup(a, 'test', at - 1);
		await appendContentEvents(
			a,
			[
				{ id: 'undo-p', cardId: 'u_und/_paper', atMillis: at, type: 'paperSet', title: 'Gone soon', short: '', year: 0, arxiv: '', url: '', topic: 'architecture', buildsOn: '', summary: '' },
				{ id: 'undo-c', cardId: 'u_und/u_k1', atMillis: at + 1, type: 'cardSet', cardType: 'basic', prompt: 'Kept?', answer: 'No.', note: '' },
				{ id: 'undo-o', cardId: cardIds[2]!, atMillis: at + 2, type: 'cardSet', cardType: 'basic', prompt: 'Reworded?', answer: 'Yes.', note: '' }
			] as never,
			render,
			scheduler
		);
		await replicate(a, remote(url));
		const b = await device();
		await replicate(b, remote(url));
		expect((await readOwnContent(b)).cards.map((c) => c.id)).toEqual(['u_und/u_k1']);
		const deckWording = await a.cards.get(cardIds[3]!);

		expect(await rollbackToSnapshot(a, before, NOW, scheduler, render)).toBe(3);
		expect(await replicate(a, remote(url))).toMatchObject({ sent: 3 });
		expect(await replicate(b, remote(url))).toMatchObject({ received: 3, invalid: 0 });
		// B folds the same (empty) content as A, and the reworded deck card reads as the deck's again.
		expect(await readOwnContent(b)).toEqual(await readOwnContent(a));
		expect(await readOwnContent(b)).toMatchObject({ papers: [], cards: [], overrides: [] });
		expect((await b.cards.get(cardIds[2]!))?.edited ?? 0).toBe(0);
		expect(await b.cards.get(cardIds[2]!)).toEqual(await a.cards.get(cardIds[2]!));
		expect(deckWording).toBeDefined();
	});
});
