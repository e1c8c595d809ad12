import { Config } from '@backstage/config';

/**
 * Which image references an environment accepts from a deploy. A tag or a digest is
 * always required (the deploy action checks the reference's shape).
 * @public
 */
export interface ImagePolicy {
  /**
   * Tags that name a different build from one day to the next (`latest`, `main`); a deploy
   * of one is refused, because the run could not say what was deployed.
   */
  mutableTags: string[];
  /** Whether only a reference with an `@sha256:` digest is accepted. */
  requireDigest: boolean;
}

/**
 * How long an image must have run settled in the environment before this one (the one
 * listed before it in `delivery.environments`) before it may be deployed here.
 * @public
 */
export interface PromotionPolicy {
  /** Minutes; 0 means it must have run there settled, for no particular time. */
  soakMinutes: number;
}

/** What `delivery.environments[]` says about deploys to one environment. @public */
export interface EnvironmentPolicies {
  imagePolicy: ImagePolicy;
  promotion: PromotionPolicy;
}

/** The mutable tags refused in a production environment unless it configures its own. */
export const DEFAULT_PRODUCTION_MUTABLE_TAGS = ['latest'];

/** Half an hour of serving in the environment before it: long enough for alerts to fire. */
export const DEFAULT_PRODUCTION_SOAK_MINUTES = 30;

/** A week: a longer soak is a release process, not a gate. */
const MAX_SOAK_MINUTES = 7 * 24 * 60;

/** An OCI tag, as the deploy action's image check accepts it. */
const TAG = /^[\w][\w.-]{0,127}$/;

/**
 * Reads `imagePolicy` and `promotion` of one `delivery.environments[index]`, with their
 * defaults: in a production environment `latest` is refused and an image must have run
 * 30 minutes in the environment before; elsewhere no tag is refused and having run there
 * settled is enough. Throws naming the key when a value is malformed, so the backend
 * does not start with a policy it would silently not apply.
 */
export function readEnvironmentPolicies(
  env: Config | undefined,
  index: number,
  production: boolean,
): EnvironmentPolicies {
  const key = `delivery.environments[${index}]`;
  const mutableTags =
    env?.getOptionalStringArray('imagePolicy.mutableTags') ??
    (production ? DEFAULT_PRODUCTION_MUTABLE_TAGS : []);
  for (const tag of mutableTags)
    if (!TAG.test(tag))
      throw new Error(
        `${key}.imagePolicy.mutableTags: "${tag}" is not an image tag (letters, digits, _ . -, at most 128, not starting with . or -)`,
      );
  const soakMinutes =
    env?.getOptionalNumber('promotion.soakMinutes') ??
    (production ? DEFAULT_PRODUCTION_SOAK_MINUTES : 0);
  if (
    !Number.isInteger(soakMinutes) ||
    soakMinutes < 0 ||
    soakMinutes > MAX_SOAK_MINUTES
  )
    throw new Error(
      `${key}.promotion.soakMinutes ${soakMinutes} must be a whole number of minutes from 0 to ${MAX_SOAK_MINUTES}`,
    );
  return {
    imagePolicy: {
      mutableTags: [...new Set(mutableTags)],
      requireDigest:
        env?.getOptionalBoolean('imagePolicy.requireDigest') ?? false,
    },
    promotion: { soakMinutes },
  };
}
