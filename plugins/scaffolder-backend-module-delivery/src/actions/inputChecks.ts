import { InputError } from '@backstage/errors';
import { IMAGE } from '../workloads/imageReference';

/**
 * Checks of an input's form shared by several actions; each refusal names the field. The
 * actions run them in their spec's `validate`, so the frame audits a refusal.
 */

/** An image reference with a tag or a digest. */
export function checkImage(image: string) {
  if (!IMAGE.test(image))
    throw new InputError(
      `image: "${image}" must be an image reference with a tag or a sha256 digest`,
    );
}

/** A smoke check URL, when given, is HTTP(S). */
export function checkSmokeUrl(smokeUrl: string | undefined) {
  if (smokeUrl && !/^https?:\/\//.test(smokeUrl))
    throw new InputError('smokeUrl: must be an http or https URL');
}
