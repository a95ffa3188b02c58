import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * The worst event-loop delay while `work` runs, from the loop's own delay histogram
 * (not wall-clock time). A stall shows when the histogram's timer runs again, so it
 * is given that chance before it is read. Shared by the event-loop test and the bench.
 */
export async function worstDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  return histogram.max / 1e6;
}
