// Every page is prerendered to static HTML; IndexedDB is only touched in the browser (onMount).
export const prerender = true;
export const trailingSlash = 'never';
