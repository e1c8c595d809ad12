/**
 * A cost input that cannot be priced, naming the field so a form or an API caller can point
 * at it. Named `InputError` because Backstage's backend error handler answers 400 to errors
 * of that name; delivery-common does not depend on @backstage/errors.
 * @public
 */
export class CostInputError extends Error {
  /** The bad field, as the caller spelt it: `cpuRequest`, `deployments[1].replicas`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'InputError';
    this.field = field;
  }
}
