// Dexie runs on an in-memory IndexedDB in unit tests; end-to-end tests use the browser's real one.
import 'fake-indexeddb/auto';
