import { createBackendModule } from '@backstage/backend-plugin-api';
import { DELIVERY_PLUGIN_ID } from '@internal/backstage-plugin-delivery-common';
import {
  deliveryDrProvidersExtensionPoint,
  DrDatabaseProvider,
  DrDatabaseState,
  DrDnsProvider,
  DrSnapshot,
  DrTarget,
} from '@internal/backstage-plugin-delivery-node';

const notUsed = async (): Promise<never> => {
  throw new Error('not used by the DR readiness');
};

/** What the scripted provider answers about one database. */
export interface ScriptedDatabase {
  replica?: { id: string; region: string; lagSeconds?: number };
  /** Minutes before the read that the latest snapshot was taken. */
  snapshotMinutesAgo?: number;
}

/**
 * A DR database provider that answers the readiness reads (`describe`, `latestSnapshot`)
 * from a script keyed by database id, or throws when told to: a stand-in for RDS or
 * CloudNativePG in tests. It counts its reads, so tests can tell a cached answer from a
 * fresh one.
 */
export class ScriptedDatabaseProvider implements DrDatabaseProvider {
  readonly id = 'scripted';
  reads = 0;

  constructor(
    private readonly databases: Record<string, ScriptedDatabase>,
    private readonly failure?: string,
  ) {}

  async describe(target: DrTarget): Promise<DrDatabaseState> {
    this.reads++;
    if (this.failure) throw new Error(this.failure);
    const scripted = this.databases[target.database];
    return {
      provider: this.id,
      primary: {
        id: target.database,
        region: 'us-east-1',
        role: 'primary',
        available: true,
        status: 'available',
      },
      replica: scripted?.replica && {
        id: scripted.replica.id,
        region: scripted.replica.region,
        role: 'replica',
        available: true,
        status: 'available',
      },
      lagSeconds: scripted?.replica?.lagSeconds,
      measuredAt: new Date().toISOString(),
    };
  }

  async latestSnapshot(target: DrTarget): Promise<DrSnapshot | undefined> {
    if (this.failure) throw new Error(this.failure);
    const minutes = this.databases[target.database]?.snapshotMinutesAgo;
    if (minutes === undefined) return undefined;
    return {
      provider: this.id,
      name: `${target.database}-pitr`,
      takenAt: new Date(Date.now() - minutes * 60_000).toISOString(),
    };
  }

  demotePrimary = notUsed;
  undoDemotion = notUsed;
  promoteReplica = notUsed;
  startDrillCopy = notUsed;
  describeDrillCopy = notUsed;
  promoteDrillCopy = notUsed;
  deleteDrillCopy = notUsed;
}

/** A DNS provider the readiness never calls; the plugin needs one selected to start. */
export const unusedDnsProvider: DrDnsProvider = {
  id: 'scripted',
  describe: notUsed,
  pointTo: notUsed,
  changeStatus: notUsed,
  createDrillRecord: notUsed,
  deleteDrillRecord: notUsed,
};

/** A backend module adding the scripted providers, selected with `scriptedDrConfig`. */
export function scriptedDrProvidersModule(database: DrDatabaseProvider) {
  return createBackendModule({
    pluginId: DELIVERY_PLUGIN_ID,
    moduleId: 'scripted-dr-providers',
    register(env) {
      env.registerInit({
        deps: { dr: deliveryDrProvidersExtensionPoint },
        async init({ dr }) {
          dr.addDatabaseProvider(database);
          dr.addDnsProvider(unusedDnsProvider);
        },
      });
    },
  });
}

/** `delivery.dr` selecting the scripted providers. */
export const scriptedDrConfig = {
  databaseProvider: 'scripted',
  dnsProvider: 'scripted',
};
