import { errors } from '../errors';
import { RequestContext } from '../requestContext';
import { matchesLabelSelector } from '../../store/selectors';
import { KubeObject } from '../../store/types';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The checks of a real API server that clients trip over most: names, namespaces that
 * must match the URL, and a Deployment whose selector must select its own template.
 */
export function validateObject(ctx: RequestContext, object: KubeObject): void {
  const kind = ctx.type.kind;
  const name = object.metadata?.name ?? '';
  if (!object.metadata || typeof object.metadata !== 'object') {
    throw errors.invalid(kind, '', 'metadata', 'Required value');
  }
  if (!DNS_SUBDOMAIN.test(name)) {
    throw errors.invalid(
      kind,
      name,
      'metadata.name',
      `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
    );
  }
  if (
    ctx.type.namespaced &&
    object.metadata.namespace &&
    object.metadata.namespace !== ctx.namespace
  ) {
    throw errors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  if (kind === 'Deployment' || kind === 'ReplicaSet') {
    const template = object.spec?.template;
    if (!object.spec?.selector) {
      throw errors.invalid(kind, name, 'spec.selector', 'Required value');
    }
    if (
      !matchesLabelSelector(object.spec.selector, template?.metadata?.labels)
    ) {
      throw errors.invalid(
        kind,
        name,
        'spec.template.metadata.labels',
        'Invalid value: `selector` does not match template `labels`',
      );
    }
    const containers = template?.spec?.containers;
    if (!Array.isArray(containers) || containers.length === 0) {
      throw errors.invalid(
        kind,
        name,
        'spec.template.spec.containers',
        'Required value',
      );
    }
    containers.forEach((container: any, index: number) => {
      if (!container?.image) {
        throw errors.invalid(
          kind,
          name,
          `spec.template.spec.containers[${index}].image`,
          'Required value',
        );
      }
    });
    if (typeof object.spec.replicas === 'number' && object.spec.replicas < 0) {
      throw errors.invalid(
        kind,
        name,
        'spec.replicas',
        'Invalid value: must be greater than or equal to 0',
      );
    }
  }
}
