import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { syncSuite } from './engines/syncSuite.ts';

crossEngineSuite('webkit');
syncSuite('webkit');
