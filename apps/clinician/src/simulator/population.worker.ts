/**
 * Web worker that runs `simulatePopulation` off the main thread, so typing stays smooth while a few hundred
 * virtual patients are simulated; it posts progress about every 5 % and then the percentile bands.
 */
import { simulatePopulation, type PopulationRequest } from '@ketapath/pharmacology';
import {
  POPULATION_PATIENTS,
  POPULATION_PERCENTILES,
  POPULATION_SEED,
  type PopulationJob,
  type PopulationMessage,
} from './population-messages';

function send(message: PopulationMessage): void {
  postMessage(message);
}

addEventListener('message', (event: MessageEvent<PopulationJob>) => {
  let reported = 0;
  try {
    const request = {
      ...event.data.request,
      nPatients: POPULATION_PATIENTS,
      seed: POPULATION_SEED,
      percentiles: POPULATION_PERCENTILES,
      onProgress: ({ completedPatients, totalPatients }) => {
        const fraction = completedPatients / totalPatients;
        if (fraction - reported >= 0.05) {
          reported = fraction;
          send({ kind: 'progress', fraction });
        }
      },
    } as PopulationRequest;
    const result = simulatePopulation(request);
    send({
      kind: 'result',
      bands: {
        timesMin: result.timesMin,
        nPatients: result.nPatients,
        seed: result.seed,
        parent: result.ketamine,
        metabolite: result.norketamine,
        assumptions: result.assumptions,
        variabilityNote: result.variability
          .map((v) => `${v.parameter} (${v.source === 'published' ? v.note : 'assumed'})`)
          .join(', '),
      },
    });
  } catch (error) {
    send({ kind: 'error', message: error instanceof Error ? error.message : 'The population run failed.' });
  }
});
