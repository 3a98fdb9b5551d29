// Modules written by src/lib/deck/deckVitePlugin.ts at build time.
declare module 'virtual:paperdeck-deck' {
	const deck: import('$lib/deck/deckTypes').CompiledDeck;
	export default deck;
}

declare module 'virtual:paperdeck-deck-version' {
	const version: string;
	export default version;
	export const cardCount: number;
	/** The deck data's files, `/deck/<hash>-<n>.json`, the head first (deckParts.ts). */
	export const deckFiles: string[];
}

declare module 'virtual:paperdeck-translations' {
	const translations: Record<string, import('$lib/deck/compileTranslations').CompiledTranslation>;
	export default translations;
}

declare module 'virtual:paperdeck-translation-versions' {
	/** Each translation's version, by language (`zh-CN`). */
	const versions: Record<string, string>;
	export default versions;
}
