export { type ProcessFigures, ProcessSampler } from './proc';
export {
  type SimulationOptions,
  type SimulationSummary,
  simulate,
  simulationSettings,
} from './simulate';
