/**
 * The sync as the app runs it, in the task worker: the task reads the account from the database it
 * opened (nothing secret crosses to the worker), syncs both ways, and fails with the server's error
 * category intact (the page words the failure by it). Against a real CouchDB-protocol server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAccount } from '../../src/lib/sync/syncAccount.ts';
import { handleTask } from '../../src/lib/workers/handleTask.ts';
import { startCouchServer, type CouchServer } from '../couch/startCouchServer.ts';
import { mixedLog } from './factories.ts';
import { cardIds, databaseName, device, USER } from './syncHelpers.ts';

let server: CouchServer;
beforeAll(async () => {
	server = await startCouchServer();
}, 30_000);
afterAll(() => server.stop());

describe('the sync task', { timeout: 60_000 }, () => {
	it('syncs with the account stored in the database', async () => {
		const url = await server.createDatabase(databaseName(), { user: USER.username, password: USER.password });
		const a = await device(mixedLog(1, cardIds, 12));
		const b = await device();
		for (const db of [a, b]) await saveAccount(db, { url, username: USER.username, mode: 'basic', password: USER.password, publicDatabase: false });
		expect(await handleTask(a, { type: 'sync' }, () => {})).toMatchObject({ sent: 12, received: 0 });
		expect(await handleTask(b, { type: 'sync' }, () => {})).toMatchObject({ sent: 0, received: 12, cards: expect.any(Number) });
		expect(await b.events.count()).toBe(12);
	});

	it('fails with the error category, and without an account says so', async () => {
		const url = await server.createDatabase(databaseName(), { user: USER.username, password: USER.password });
		const db = await device(mixedLog(2, cardIds, 3));
		await expect(handleTask(db, { type: 'sync' }, () => {})).rejects.toThrow(/Not connected/);
		await saveAccount(db, { url, username: USER.username, mode: 'basic', password: 'wrong', publicDatabase: false });
		await expect(handleTask(db, { type: 'sync' }, () => {})).rejects.toMatchObject({ kind: 'unauthorized' });
		expect(await db.events.count()).toBe(3);
	});
});
