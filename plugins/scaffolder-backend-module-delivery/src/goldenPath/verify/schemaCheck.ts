import { importEsm } from './importEsm';
import { K8sObject, objectName } from './k8sObjects';

interface SchemaError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

type ModelClass = (new (data: unknown) => { validate(): void }) & {
  apiVersion?: string;
  kind?: string;
};

// `apps/v1`, `v1`, `networking.k8s.io/v1beta1`: checked before it becomes a module path.
const API_VERSION =
  /^(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?\/)?v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

const modules = new Map<string, Promise<Record<string, unknown> | undefined>>();

/**
 * The kubernetes-models class for an apiVersion and kind (`kubernetes-models/apps/v1`
 * exports `Deployment`), so every built-in API is covered without a hand-kept list.
 * Undefined when kubernetes-models has no such group/version or kind.
 */
async function modelFor(
  apiVersion: string,
  kind: string,
): Promise<ModelClass | undefined> {
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) return undefined;
  let module = modules.get(apiVersion);
  if (!module) {
    module = importEsm<Record<string, unknown>>(
      `kubernetes-models/${apiVersion}`,
    ).catch(error => {
      // Not in the package's exports map: an API kubernetes-models does not know.
      if (
        ['ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_MODULE_NOT_FOUND'].includes(
          error?.code,
        )
      )
        return undefined;
      modules.delete(apiVersion); // a failure to load is not remembered
      throw error;
    });
    modules.set(apiVersion, module);
  }
  const candidate = (await module)?.[kind] as ModelClass | undefined;
  // Only top-level kinds carry their own apiVersion/kind (DeploymentSpec does not).
  return typeof candidate === 'function' &&
    candidate.apiVersion === apiVersion &&
    candidate.kind === kind
    ? candidate
    : undefined;
}

/** `/spec/template/spec/containers/0/ports/0` as `spec.template.spec.containers[0].ports[0]`. */
function readablePath(pointer: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map(segment => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment))
      path += path ? `.${segment}` : segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path || '(object)';
}

/** One line per schema error: where, what, and the detail ajv keeps in its params. */
function readableError(error: SchemaError): string {
  const params = error.params ?? {};
  let detail = '';
  if (Array.isArray(params.allowedValues))
    detail = ` (${params.allowedValues
      .map(v => JSON.stringify(v))
      .join(', ')})`;
  else if (typeof params.additionalProperty === 'string')
    detail = ` (${JSON.stringify(params.additionalProperty)})`;
  return `${readablePath(error.instancePath ?? '')}: ${
    error.message ?? 'is invalid'
  }${detail}`;
}

/**
 * Validates each object against the OpenAPI schema of its apiVersion/kind.
 * Returns messages like `Deployment/payments: spec.replicas: must be integer`.
 */
export async function checkSchemas(objects: K8sObject[]): Promise<string[]> {
  const messages: string[] = [];
  for (const object of objects) {
    const name = objectName(object);
    const { apiVersion, kind } = object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      messages.push(`${name}: has no apiVersion or kind`);
      continue;
    }
    const Model = await modelFor(apiVersion, kind);
    if (!Model) {
      messages.push(
        `${name}: unknown apiVersion/kind ${apiVersion} ${kind}, there is no schema to validate it against`,
      );
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      const errors = (error as { errors?: SchemaError[] }).errors;
      if (!Array.isArray(errors)) throw error;
      // ajv reports some errors once per branch of an anyOf; one line each is enough.
      for (const line of new Set(errors.map(readableError)))
        messages.push(`${name}: ${line}`);
    }
  }
  return messages;
}
