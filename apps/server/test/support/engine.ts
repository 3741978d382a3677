import { packagedEngine } from '../../src/lessons/engine';
import { standinEngine } from './standin-engine';

/** packages/lesson's state machine once it is implemented; the stand-in until then. */
export const testEngine = packagedEngine() ?? standinEngine;
export const usingStandin = testEngine === standinEngine;
