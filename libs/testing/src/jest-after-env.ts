import { stopAllSystems } from './system';

// Whatever a spec's own hooks did, no system it started outlives the file (issue 7 §8).
afterAll(async () => {
  await stopAllSystems();
});
