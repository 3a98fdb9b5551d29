/** The meta key holding the version of the deck last reconciled. */
export const DECK_VERSION_KEY = 'deckVersion';
/** The meta key holding each paper's topic (`Record<paperId, topicId>`), for turning topics off. */
export const PAPER_TOPICS_KEY = 'paperTopics';
