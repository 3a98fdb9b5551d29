/**
 * Sync end to end: two browser profiles (two "devices") syncing through a CouchDB-protocol server on
 * loopback (express-pouchdb, fullCouchDB mode, CORS for the app's origin), driven through the
 * engine-neutral page driver. Each engine's test file calls `syncSuite(engine)`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../couch/startCouchServer.ts';
import { connectSync, gradeByKeyboard, openReview, openSync, readStore, schedules, syncAgain, todayNumbers } from './appSteps.ts';
import type { EngineName, EnginePage } from './enginePage.ts';
import { launchEngine } from './launchEngine.ts';

const USER = { user: 'ann', password: 'correct horse' };

export function syncSuite(engine: EngineName): void {
	const baseURL = inject('baseURL');
	const open: EnginePage[] = [];
	let server: CouchServer;
	/** When set, the next request matching it kills the server mid-sync. */
	let killOn: RegExp | null = null;
	let dbs = 0;

	beforeAll(async () => {
		server = await startCouchServer({
			allowedOrigins: [new URL(baseURL).origin],
			intercept: ({ method, url }) => {
				if (!killOn || !killOn.test(`${method} ${url}`)) return true;
				killOn = null;
				void server.stop();
				return false;
			}
		});
	}, 60_000);
	afterAll(() => server?.stop());
	afterEach(async () => {
		killOn = null;
		await Promise.all(open.splice(0).map((p) => p.close()));
	});

	const device = async () => {
		const page = await launchEngine(engine);
		open.push(page);
		return page;
	};
	const newDatabase = () => server.createDatabase(`e2e-${engine}-${++dbs}`, USER);

	async function review(page: EnginePage, count: number): Promise<void> {
		await openReview(page, baseURL);
		for (let i = 0; i < count; i++) await gradeByKeyboard(page, i % 2 ? '4' : '3');
	}

	/** Fills the form and presses Sync now; returns the message shown (or the merge question). */
	const connect = (page: EnginePage, url: string, password = USER.password) => connectSync(page, baseURL, url, { ...USER, password });
	const syncNow = (page: EnginePage) => syncAgain(page, baseURL);
	const openSyncPage = (page: EnginePage) => openSync(page, baseURL);

	const eventIds = async (page: EnginePage) => (await readStore<{ id: string }>(page, 'events')).map((e) => e.id).sort();

	/** The sync status this device shows (its totals count every sync: Sync now and the background ones). */
	async function syncStatus(page: EnginePage): Promise<{ received: number }> {
		const rows = await readStore<{ key: string; value: { received: number } }>(page, 'sync');
		return rows.find((r) => r.key === 'status')!.value;
	}

	/** Matches the request that saves this device's pull checkpoint on the server (no other device's). */
	async function pullCheckpointWrite(page: EnginePage): Promise<RegExp> {
		const keys = (await readStore<{ key: string }>(page, 'sync')).map((r) => r.key);
		const pull = keys.find((k) => k.startsWith('checkpoint:paperdeck-pull-'));
		if (!pull) throw new Error(`no pull checkpoint on this device (sync keys: ${keys.join(', ')})`);
		return new RegExp(`^PUT .*/_local/${pull.slice('checkpoint:'.length)}$`);
	}

	async function serverIds(url: string): Promise<string[]> {
		const res = await server.admin(`${new URL(url).pathname}/_all_docs`);
		return ((await res.json()) as { rows: { id: string }[] }).rows.map((r) => r.id).sort();
	}

	describe(`sync in ${engine}`, { timeout: 240_000 }, () => {
		it('two devices: reviews on A reach B; a device with its own history merges after a preview; offline reviews on both converge', async () => {
			const url = await newDatabase();
			const [a, b] = [await device(), await device()];
			await review(a, 5);
			expect(await connect(a, url)).toMatch(/^Synced: 5 events sent, 0 received/);
			// B has a history of its own: connecting previews the merge.
			await review(b, 2);
			expect(await connect(b, url)).toBe('merge?');
			expect(await b.text('.merge')).toMatch(/5 documents and this device 2 events/);
			await b.click({ role: 'button', name: 'Merge and sync' });
			await b.waitUntil(() => /Synced/.test((document.querySelector('[data-testid="sync-message"]') as HTMLElement).innerText));
			// A's own page may sync in the background (3 s after it opens) and get B's events before this
			// Sync now does: what is exact is the total A has received, whichever of its syncs got them.
			expect(await syncNow(a)).toMatch(/^Synced: 0 events sent, [02] received/);
			expect((await syncStatus(a)).received).toBe(2);
			expect((await todayNumbers(b, baseURL)).answered).toBe(7);
			expect(await todayNumbers(a, baseURL)).toEqual(await todayNumbers(b, baseURL));
			expect(await schedules(a)).toEqual(await schedules(b));

			// Both review without syncing, then both sync: both show the union and the same due dates.
			await review(a, 3);
			await review(b, 4);
			await syncNow(a);
			await syncNow(b);
			await syncNow(a);
			expect((await todayNumbers(a, baseURL)).answered).toBe(14);
			expect(await todayNumbers(a, baseURL)).toEqual(await todayNumbers(b, baseURL));
			expect(await schedules(a)).toEqual(await schedules(b));
			expect(await eventIds(a)).toEqual(await eventIds(b));
			expect(await serverIds(url)).toEqual(await eventIds(a));
			await openSyncPage(b);
			expect(await b.text('[data-testid="sync-pending"]')).toBe('0');
		});

		it('the server dies mid-sync: after a restart, syncing again loses and doubles nothing', async () => {
			const url = await newDatabase();
			const [a, b] = [await device(), await device()];
			await review(a, 6);
			killOn = /_bulk_docs/;
			const failed = await connect(a, url);
			expect(failed).toMatch(/Could not reach the server/);
			await server.restart();
			expect(await syncNow(a)).toMatch(/^Synced/);
			expect(await serverIds(url)).toEqual(await eventIds(a));
			expect(await connect(b, url)).toMatch(/^Synced: 0 events sent, 6 received/);
			expect(await eventIds(b)).toEqual(await eventIds(a));
			// B dies mid-pull this time: after its batch is written here, before the server records the
			// checkpoint (the next pull starts earlier and re-reads: nothing may be doubled). The kill is
			// armed before A sends, on B's own pull checkpoint: a background sync of B's page (3 s after it
			// opens, or back online) may pull A's events before B's Sync now, and it must die there too.
			killOn = await pullCheckpointWrite(b);
			await review(a, 2);
			await syncNow(a);
			expect(await syncNow(b)).toMatch(/Could not reach the server/);
			expect(killOn).toBeNull();
			await server.restart();
			expect(await syncNow(b)).toMatch(/^Synced/);
			expect(await eventIds(b)).toEqual(await eventIds(a));
			expect(await schedules(b)).toEqual(await schedules(a));
			expect(await serverIds(url)).toEqual(await eventIds(a));
		});

		it('a wrong password and a forbidden database show their messages and change nothing', async () => {
			const url = await newDatabase();
			const forbidden = await server.createDatabase(`e2e-${engine}-bobs-${++dbs}`, { user: 'bob', password: 'bobs secret' });
			const a = await device();
			await review(a, 3);
			const before = { events: await eventIds(a), states: await schedules(a) };
			expect(await connect(a, url, 'wrong password')).toMatch(/Wrong username or password.*Nothing changed on this device/);
			expect(await a.text('[data-testid="sync-status"]')).not.toMatch(/Connected/);
			expect(await connect(a, forbidden)).toMatch(/may not use that database.*Nothing changed on this device/);
			expect({ events: await eventIds(a), states: await schedules(a) }).toEqual(before);
			expect(await readStore(a, 'sync').then((rows) => rows.filter((r) => r.key === 'account'))).toEqual([]);
			expect(await serverIds(url)).toEqual([]);
		});
	});
}
