/**
 * This device's change feed: every event written to the log (card events and settings events) gets
 * a local sequence number in the `changes` table, in the same transaction as the write. The sync
 * client pushes "everything after sequence N", as a CouchDB source's `_changes` feed offers, so an
 * event that arrives with an old time (an import, an offline device) is still pushed.
 *
 * It is a Dexie middleware rather than a call in each write path: every present and future writer of
 * `events` (reviews, imports, other features' events) is covered without knowing about sync.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';

/** The tables whose writes the feed records. */
export const FED_TABLES: ReadonlySet<string> = new Set(['events', 'settingsLog']);
export const CHANGES_TABLE = 'changes';

export interface ChangeRow {
	seq?: number;
	/** The event's id. */
	id: string;
	/** Which table holds it. */
	table: string;
}

/** Transactions whose writes stay out of the feed (see `leaveOutOfFeed`). */
const unfed = new WeakSet<object>();

/**
 * Keeps the writes of the running Dexie transaction out of the change feed: events pulled from the
 * server need not go back to it. Call inside the transaction (`Dexie.currentTransaction`).
 */
export function leaveOutOfFeed(transaction: { idbtrans: object } | null | undefined): void {
	if (!transaction) throw new Error('leaveOutOfFeed: no transaction');
	unfed.add(transaction.idbtrans);
}

function fedTable(down: DBCore, table: DBCoreTable): DBCoreTable {
	return {
		...table,
		async mutate(req: DBCoreMutateRequest) {
			const res = await table.mutate(req);
			if ((req.type !== 'add' && req.type !== 'put') || unfed.has(req.trans as object)) return res;
			const rows: ChangeRow[] = [];
			req.values.forEach((value: { id?: unknown }, i) => {
				if (res.failures[i] || typeof value?.id !== 'string') return;
				rows.push({ id: value.id, table: table.name });
			});
			if (rows.length > 0) await down.table(CHANGES_TABLE).mutate({ type: 'add', trans: req.trans, values: rows });
			return res;
		}
	};
}

export const changeFeedMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'paperdeckChangeFeed',
	create(down) {
		return {
			...down,
			transaction(stores, mode, options) {
				const widen = mode === 'readwrite' && stores.some((s) => FED_TABLES.has(s)) && !stores.includes(CHANGES_TABLE);
				return down.transaction(widen ? [...stores, CHANGES_TABLE] : stores, mode, options);
			},
			table(name) {
				const table = down.table(name);
				return FED_TABLES.has(name) ? fedTable(down, table) : table;
			}
		};
	}
};
