/**
 * Kubernetes label keys and values the Delivery plugins read and write on workloads. They
 * are defined once, here, so the golden-path manifests, the actions that change workloads,
 * the backend that reads them and the sandbox fleet that simulates them agree.
 */
import { ANNOTATION_KUBERNETES_ID } from './annotations';

/**
 * The label every workload object of a service carries, with the service's kubernetes-id as
 * its value. The same key as the catalog annotation, as upstream Kubernetes reads it.
 * @public
 */
export const LABEL_KUBERNETES_ID = ANNOTATION_KUBERNETES_ID;

/**
 * Which track a Deployment of a blue-green or canary service runs (see {@link TRACKS}); a
 * Service's selector on it decides which colour gets the traffic. Absent on a rolling
 * service's Deployment.
 * @public
 */
export const LABEL_TRACK = 'delivery/track';

/** Values of {@link LABEL_TRACK}. @public */
export const TRACKS = {
  /** Blue-green: one of the two colours. */
  blue: 'blue',
  /** Blue-green: the other colour. */
  green: 'green',
  /** Canary: the Deployment that serves most of the traffic. */
  stable: 'stable',
  /** Canary: the one-replica Deployment that tries the new version first. */
  canary: 'canary',
} as const;

/** A value of {@link LABEL_TRACK}. @public */
export type Track = (typeof TRACKS)[keyof typeof TRACKS];

/** Kubernetes' recommended label for the application's name. @public */
export const LABEL_APP_NAME = 'app.kubernetes.io/name';

/**
 * Kubernetes' recommended label for the role of an object within the application; Delivery
 * finds a service's migration Job and backup CronJob by it (see {@link COMPONENTS}).
 * @public
 */
export const LABEL_APP_COMPONENT = 'app.kubernetes.io/component';

/** Values of {@link LABEL_APP_COMPONENT} that Delivery looks for. @public */
export const COMPONENTS = {
  /** The Job that migrates a service's database, applied with each deploy. */
  migration: 'migration',
  /** The CronJob that backs a service's database up. */
  backup: 'backup',
} as const;

/**
 * The field manager Delivery names itself with on every write to a cluster (`fieldManager`),
 * so `metadata.managedFields` tells its changes from everyone else's.
 * @public
 */
export const DELIVERY_FIELD_MANAGER = 'backstage-delivery';
