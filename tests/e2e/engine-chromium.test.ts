import { cardLanguageSuite } from './engines/cardLanguageSuite.ts';
import { crossEngineSuite } from './engines/crossEngineSuite.ts';

crossEngineSuite('chromium');
cardLanguageSuite('chromium');
