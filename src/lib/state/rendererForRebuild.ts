import { contentEventTexts, isContentEvent } from '../core/contentEvents.ts';
import type { CardEvent } from '../core/types.ts';
import { hasMath } from '../core/foldOwnContent.ts';
import type { PaperdeckDatabase } from '../db/database.ts';
import { ownContentEvents } from '../db/ownContentStore.ts';
import { loadOwnRenderer } from '../own/ownRenderer.ts';
import type { OwnRenderer } from '../own/renderOwnMarkdown.ts';

/**
 * The own-content renderer a merge or rollback of `incoming` needs, loaded before its transaction (which
 * cannot wait for a download): none when neither the log nor `incoming` holds own content, else one
 * with KaTeX when any of it has math. A rebuild re-renders *every* own card, so the log's content
 * counts as much as the incoming: judging by the incoming alone skipped the rebuild for a file of
 * undos only, and rendered existing math as plain text after a file without math.
 */
export async function rendererForRebuild(db: PaperdeckDatabase, incoming: readonly CardEvent[]): Promise<OwnRenderer | undefined> {
	const content = [...(await ownContentEvents(db)), ...incoming.filter(isContentEvent)];
	if (content.length === 0) return undefined;
	return loadOwnRenderer(hasMath(content.flatMap(contentEventTexts)));
}
