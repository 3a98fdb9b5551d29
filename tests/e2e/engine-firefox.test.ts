import { cardLanguageSuite } from './engines/cardLanguageSuite.ts';
import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { cspSuite } from './engines/cspSuite.ts';
import { ownContentSuite } from './engines/ownContentSuite.ts';
import { syncSuite } from './engines/syncSuite.ts';
import { workloadSuite } from './engines/workloadSuite.ts';

crossEngineSuite('firefox');
cspSuite('firefox');
ownContentSuite('firefox');
workloadSuite('firefox');
cardLanguageSuite('firefox');
syncSuite('firefox');
