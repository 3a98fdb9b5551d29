import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { workloadSuite } from './engines/workloadSuite.ts';

crossEngineSuite('webkit');
workloadSuite('webkit');
