import { firstVisitSuite } from './engines/firstVisitSuite.ts';

// Chromium only: long tasks (PerformanceObserver `longtask`) are a Chromium API.
firstVisitSuite('chromium');
