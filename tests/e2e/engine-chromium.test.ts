import { crossEngineSuite } from './engines/crossEngineSuite.ts';
import { ownContentSuite } from './engines/ownContentSuite.ts';

crossEngineSuite('chromium');
ownContentSuite('chromium');
