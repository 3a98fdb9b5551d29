import { cardLanguageSuite } from './engines/cardLanguageSuite.ts';
import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { workloadSuite } from './engines/workloadSuite.ts';

crossEngineSuite('firefox');
workloadSuite('firefox');
cardLanguageSuite('firefox');
