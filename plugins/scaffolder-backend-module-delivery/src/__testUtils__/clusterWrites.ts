import type { Fleet } from '@internal/sandbox-fleet';

/** The verbs that change a cluster. */
const WRITES = ['create', 'update', 'patch', 'delete'];

/**
 * Runs `act` and returns the writes any cluster of the fleet served meanwhile, one line
 * each (`<cluster> <verb> <resources>`): empty when `act` changed nothing.
 */
export async function clusterWritesDuring(
  fleet: Fleet,
  act: () => Promise<unknown>,
): Promise<string[]> {
  fleet.counters.reset();
  await act();
  return Object.entries(fleet.counters.snapshot()).flatMap(([cluster, verbs]) =>
    Object.entries(verbs)
      .filter(([verb]) => WRITES.includes(verb))
      .map(
        ([verb, resources]) => `${cluster} ${verb} ${Object.keys(resources)}`,
      ),
  );
}
