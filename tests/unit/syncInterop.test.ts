/**
 * Interoperability: an independent replicator, PouchDB 9 (pouchdb-core + memory + http +
 * replication), replicating with the same server as the app's own client. It receives every event
 * the app pushed exactly once, and events it pushes reach the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDocument } from '../../src/lib/core/sync/eventDocument.ts';
import { replicate } from '../../src/lib/sync/replicate.ts';
import { pouchConstructor, startCouchServer, type CouchServer } from '../couch/startCouchServer.ts';
import { mixedLog, NOW, review } from './factories.ts';
import { cardIds, databaseName, device, deviceState, remote, USER } from './syncHelpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Pouch = any;
const PouchDB: Pouch = pouchConstructor();

let server: CouchServer;
beforeAll(async () => {
	server = await startCouchServer();
}, 30_000);
afterAll(() => server.stop());

describe('interoperability with PouchDB 9', { timeout: 60_000 }, () => {
	it('a PouchDB replica receives every event exactly once, and its events reach the app', async () => {
		const url = await server.createDatabase(databaseName(), { user: USER.username, password: USER.password });
		const a = await device(mixedLog(21, cardIds, 50));
		await replicate(a, remote(url), { batchSize: 7 });

		const pouchRemote = new PouchDB(url, { auth: USER, skip_setup: true });
		const replica = new PouchDB(`replica-${Date.now()}`, { adapter: 'memory' });
		const first = await replica.replicate.from(pouchRemote);
		expect(first.ok).toBe(true);
		expect(first.docs_written).toBe(50);

		// More reviews on the app: the next PouchDB replication fetches only those.
		const more = mixedLog(22, cardIds, 10, NOW - 10 * 86_400_000);
		const { mergeEvents } = await import('../../src/lib/db/rebuildStates.ts');
		const { scheduler } = await import('./factories.ts');
		await mergeEvents(a, more, scheduler);
		expect((await replicate(a, remote(url))).sent).toBe(10);
		const second = await replica.replicate.from(pouchRemote);
		expect(second.docs_written).toBe(10);

		const all = await replica.allDocs({ include_docs: true, conflicts: true });
		expect(all.rows).toHaveLength(60);
		const events = [...(await a.events.toArray())];
		for (const e of events) {
			const row = all.rows.find((r: Pouch) => r.id === e.id);
			expect(row, e.id).toBeTruthy();
			const { _rev, ...body } = row.doc;
			expect(_rev).toBe(toDocument(e)._rev);
			expect(body).toEqual(Object.fromEntries(Object.entries(toDocument(e)).filter(([k]) => k !== '_rev')));
			expect(row.doc._conflicts).toBeUndefined();
		}

		// PouchDB writes events of its own (with its own revisions) and pushes them.
		const theirs = [review(cardIds[0]!, NOW + 1000, 3, 'review', 'pouch-1'), review(cardIds[1]!, NOW + 2000, 4, 'learn', 'pouch-2')];
		for (const e of theirs) await replica.put({ _id: e.id, ...e });
		const pushed = await replica.replicate.to(pouchRemote);
		expect(pushed.docs_written).toBe(2);

		const report = await replicate(a, remote(url));
		expect(report).toMatchObject({ received: 2, sent: 0, invalid: 0, collisions: [] });
		expect(await a.events.get('pouch-1')).toEqual(theirs[0]);
		const b = await device();
		expect((await replicate(b, remote(url), { batchSize: 9 })).received).toBe(62);
		expect((await deviceState(b)).events).toEqual((await deviceState(a)).events);

		// The app never pushes a PouchDB document back under its own revision (no conflicts made).
		const doc = await (await server.admin(`${new URL(url).pathname}/pouch-1?conflicts=true`)).json();
		expect(doc._conflicts).toBeUndefined();
		await replica.destroy();
	});
});
