import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { cspSuite } from './engines/cspSuite.ts';

crossEngineSuite('firefox');
cspSuite('firefox');
