import { errors } from '../errors';
import { RequestContext } from '../requestContext';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../store/patch';
import { KubeObject } from '../../store/types';
import { withManagedFields } from '../managedFields';
import { getObject } from './read';

function selectorString(selector: any): string {
  return Object.entries(selector?.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function scaleOf(object: KubeObject) {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: object.spec?.replicas ?? 1 },
    status: {
      replicas: object.status?.replicas ?? 0,
      selector: selectorString(object.spec?.selector),
    },
  };
}

/** The scale subresource: read and write spec.replicas through an autoscaling/v1 Scale. */
export function handleScale(ctx: RequestContext) {
  const current = getObject(ctx);
  if (ctx.verb === 'get') return scaleOf(current);
  if (ctx.verb !== 'update' && ctx.verb !== 'patch')
    throw errors.methodNotAllowed(ctx.verb);

  const scale = scaleOf(current);
  let next: any;
  if (ctx.verb === 'update') {
    next = ctx.body;
  } else {
    const type = ctx.contentType.split(';')[0].trim();
    if (type === 'application/merge-patch+json')
      next = mergePatch(scale, ctx.body);
    else if (type === 'application/strategic-merge-patch+json')
      next = strategicMergePatch(scale, ctx.body);
    else if (type === 'application/json-patch+json')
      next = jsonPatch(scale, ctx.body);
    else throw errors.unsupportedMediaType(type);
  }
  const replicas = next?.spec?.replicas;
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid(
      'Scale',
      ctx.name!,
      'spec.replicas',
      `Invalid value: ${replicas}: must be greater than or equal to 0`,
    );
  }
  const expected =
    ctx.verb === 'update'
      ? next?.metadata?.resourceVersion
      : ctx.body?.metadata?.resourceVersion;
  const updated = ctx.cluster.store.update(
    ctx.kind,
    withManagedFields(ctx, current, {
      ...current,
      spec: { ...current.spec, replicas },
    }),
    expected || undefined,
  );
  return scaleOf(updated);
}

/** pods/{name}/log: the container's output, as plain text (tailLines, timestamps). */
export function handleLog(ctx: RequestContext): string {
  if (ctx.verb !== 'get') throw errors.methodNotAllowed(ctx.verb);
  const pod = getObject(ctx);
  const lines = ctx.cluster.logs.get(pod.metadata.uid!) ?? [];
  const tail = Number(ctx.query.get('tailLines') ?? 0);
  const last = tail > 0 ? lines.slice(-tail) : lines;
  // Lines are kept with the kubelet's RFC 3339 timestamp, shown only when asked for.
  const shown =
    ctx.query.get('timestamps') === 'true'
      ? last
      : last.map(line => line.slice(line.indexOf(' ') + 1));
  return shown.length ? `${shown.join('\n')}\n` : '';
}
