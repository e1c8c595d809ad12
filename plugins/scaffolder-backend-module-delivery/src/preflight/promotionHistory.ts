import { DeliveryRun } from '@internal/backstage-plugin-delivery-common';

/** Runs that put an image in place; their recorded `image` says which. */
const PLACES_IMAGE = ['deploy', 'promote'];

/** What the run history says about an image in one environment. */
export interface ImageHistory {
  /** The newest succeeded deploy (or promotion) of the image there. */
  placed?: DeliveryRun;
  /** Why there is none: the image's newest attempt there, when one did not succeed. */
  lastAttempt?: DeliveryRun;
  /**
   * Runs there after `placed` that changed or tried to change the image (a deploy of
   * another image, a rollback), oldest first: the image has run settled only since the
   * last of them ended, however the environment came back to it.
   */
  laterChanges: DeliveryRun[];
}

const imageOf = (run: DeliveryRun) =>
  typeof run.inputs.image === 'string' ? run.inputs.image : undefined;

const endOf = (run: DeliveryRun) => run.finishedAt ?? run.startedAt;

/**
 * Reads an image's history in an environment from the service's runs (any order): the
 * run that placed it, or its failed attempt, and what changed there after.
 */
export function imageHistoryIn(
  runs: DeliveryRun[],
  environment: string,
  image: string,
): ImageHistory {
  const here = runs
    .filter(r => r.environment === environment)
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const ofImage = here.filter(
    r => PLACES_IMAGE.includes(r.action) && imageOf(r) === image,
  );
  const placed = ofImage.filter(r => r.status === 'succeeded').at(-1);
  const lastAttempt = ofImage.at(-1);
  const laterChanges = placed
    ? here.filter(
        r =>
          Date.parse(r.startedAt) >= Date.parse(endOf(placed)) &&
          r.id !== placed.id &&
          ((PLACES_IMAGE.includes(r.action) && imageOf(r) !== image) ||
            r.action === 'rollback'),
      )
    : [];
  return {
    placed,
    ...(lastAttempt && lastAttempt !== placed ? { lastAttempt } : {}),
    laterChanges,
  };
}

/** "10:02 UTC", with the date when it is not `now`'s day: what a refusal says. */
export function utcTime(at: Date, now: Date): string {
  const iso = at.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10)
    ? time
    : `${iso.slice(0, 10)} ${time}`;
}

/** A run as a refusal names it: "the deploy of ghcr.io/acme/api:1.4.3 (failed)". */
export function describeRun(run: DeliveryRun): string {
  const image = imageOf(run);
  return `the ${run.action}${image ? ` of ${image}` : ''} (${run.status})`;
}

export { endOf as runEnd };
