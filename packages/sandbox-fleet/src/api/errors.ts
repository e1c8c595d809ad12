/**
 * Errors in the shape of a Kubernetes `Status`, so clients (kubectl, @kubernetes/client-node)
 * read reason and message exactly as from a real API server.
 */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
  causes?: Array<{ reason: string; message: string; field?: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus() {
    return statusBody(this.code, this.reason, this.message, this.details);
  }
}

export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 400 ? 'Success' : 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

const qualified = (group: string, resource: string) =>
  group ? `${resource}.${group}` : resource;

export const errors = {
  notFound: (group: string, resource: string, name: string) =>
    new ApiError(
      404,
      'NotFound',
      `${qualified(group, resource)} "${name}" not found`,
      {
        name,
        group,
        kind: resource,
      },
    ),
  alreadyExists: (group: string, resource: string, name: string) =>
    new ApiError(
      409,
      'AlreadyExists',
      `${qualified(group, resource)} "${name}" already exists`,
      {
        name,
        group,
        kind: resource,
      },
    ),
  conflict: (group: string, resource: string, name: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(
        group,
        resource,
      )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group, kind: resource },
    ),
  invalid: (kind: string, name: string, field: string, message: string) =>
    new ApiError(
      422,
      'Invalid',
      `${kind} "${name}" is invalid: ${field}: ${message}`,
      {
        name,
        kind,
        causes: [{ reason: 'FieldValueInvalid', message, field }],
      },
    ),
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  gone: (message: string) => new ApiError(410, 'Expired', message),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  /** What RBAC answers a user without the permission, worded as kube-apiserver words it. */
  forbidden: (
    user: string,
    verb: string,
    target:
      | {
          group: string;
          resource: string;
          subresource?: string;
          namespace?: string;
          name?: string;
        }
      | { path: string },
  ) => {
    if ('path' in target) {
      return new ApiError(
        403,
        'Forbidden',
        `forbidden: User "${user}" cannot ${verb} path "${target.path}"`,
      );
    }
    const { group, resource, subresource, namespace, name } = target;
    const what = name
      ? `${qualified(group, resource)} "${name}"`
      : qualified(group, resource);
    const scope = namespace
      ? `in the namespace "${namespace}"`
      : 'at the cluster scope';
    return new ApiError(
      403,
      'Forbidden',
      `${what} is forbidden: User "${user}" cannot ${verb} resource "${resource}${
        subresource ? `/${subresource}` : ''
      }" in API group "${group}" ${scope}`,
      { ...(name ? { name } : {}), group, kind: resource },
    );
  },
  methodNotAllowed: (method: string) =>
    new ApiError(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource (${method})`,
    ),
  unsupportedMediaType: (type: string) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${type})`,
    ),
  pathNotFound: (path: string) =>
    new ApiError(
      404,
      'NotFound',
      `the server could not find the requested resource (${path})`,
    ),
};
