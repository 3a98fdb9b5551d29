import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { ownContentSuite } from './engines/ownContentSuite.ts';

crossEngineSuite('webkit');
ownContentSuite('webkit');
