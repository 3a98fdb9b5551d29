import { cardLanguageSuite } from './engines/cardLanguageSuite.ts';
import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { workloadSuite } from './engines/workloadSuite.ts';

crossEngineSuite('chromium');
workloadSuite('chromium');
cardLanguageSuite('chromium');
