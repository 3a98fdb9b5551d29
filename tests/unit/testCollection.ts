/** Fresh collections (Dexie on fake-indexeddb) for storage tests, deleted after each test. */
import { afterEach } from 'vitest';
import type { CompiledDeck } from '../../src/lib/deck/deckTypes.ts';
import { PaperdeckDatabase } from '../../src/lib/db/database.ts';
import { reconcileDeck } from '../../src/lib/db/reconcileDeck.ts';
import { scheduler } from './factories.ts';

let n = 0;
const open: PaperdeckDatabase[] = [];
afterEach(async () => {
	for (const db of open.splice(0)) await db.delete();
});

/** An empty collection holding `deck`, under a unique name (or `name`, to open a second connection). */
export async function testCollection(deck: CompiledDeck, name = `collection-${++n}`): Promise<PaperdeckDatabase> {
	const db = new PaperdeckDatabase(name);
	open.push(db);
	await db.open();
	await reconcileDeck(db, deck, scheduler);
	return db;
}
