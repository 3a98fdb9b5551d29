import { crossEngineSuite } from './engines/crossEngineSuite.ts';

crossEngineSuite('firefox');
