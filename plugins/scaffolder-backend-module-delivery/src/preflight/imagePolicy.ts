import type {
  PreflightCheck,
  PreflightContext,
  PreflightFinding,
} from '../actions/frame/hooks';
import { parseImageReference } from '../workloads/imageReference';

/**
 * The environment's policy for image references (`delivery.environments[].imagePolicy`):
 * a mutable tag (`latest`, `main`) can name another build tomorrow, so neither the run
 * history nor a rollback could say what ran; with `requireDigest` only a digest will do.
 * Not overridable: the remedy (deploy the version or the digest) is always at hand.
 */
export async function checkImagePolicy({
  plan,
  recordedInputs,
  deps,
}: PreflightContext): Promise<PreflightFinding> {
  const image = String(recordedInputs.image ?? '');
  const environment = plan.environment.name;
  const policy = deps.config.environmentPolicies[environment]?.imagePolicy ?? {
    mutableTags: [],
    requireDigest: false,
  };
  const { repository, tag, digest } = parseImageReference(image);
  const recorded = {
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    mutableTags: policy.mutableTags,
    requireDigest: policy.requireDigest,
  };
  // A digest pins the build whatever tag is written beside it.
  if (digest)
    return {
      passed: `${image} is pinned by its digest`,
      recorded,
    };
  if (tag && policy.mutableTags.includes(tag))
    return {
      refusal: `image: "${image}" has the tag "${tag}", which ${environment} refuses as mutable (delivery.environments[].imagePolicy.mutableTags: ${policy.mutableTags.join(
        ', ',
      )}): it can name another build tomorrow. Deploy an immutable tag (a version, such as ${repository}:1.4.2) or a digest (${repository}@sha256:…)`,
      recorded,
    };
  if (policy.requireDigest)
    return {
      refusal: `image: "${image}" has no digest, and ${environment} accepts only images pinned by digest (delivery.environments[].imagePolicy.requireDigest). Deploy it by digest: ${repository}@sha256:…`,
      recorded,
    };
  return {
    passed: policy.mutableTags.length
      ? `tag "${tag}" is not one of ${environment}'s mutable tags (${policy.mutableTags.join(
          ', ',
        )})`
      : `${environment} refuses no tag`,
    recorded,
  };
}

/** `image-policy`: deploys only, never overridable. */
export const imagePolicyCheck: PreflightCheck = {
  name: 'image-policy',
  actions: ['deploy'],
  check: checkImagePolicy,
};
