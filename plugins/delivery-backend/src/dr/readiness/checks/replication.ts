import {
  DrDescriptor,
  formatDurationMinutes,
} from '@internal/backstage-plugin-delivery-common';
import type { DrReplicationEvidence } from '../evidence';
import { formatSpan } from '../time';
import type { CheckOutcome } from './outcome';

/**
 * Check 3: the database has a replica in the DR region and its lag is within the RPO
 * (lag equal to the RPO passes: that much loss is what the RPO accepts). Seed 000 fails
 * over by promoting the cross-region read replica, so the data lost is the lag at that
 * moment. The lag is taken as measured; `measuredAt` is shown so an old measurement can be
 * told from a current one.
 */
export function checkReplication(
  descriptor: DrDescriptor,
  replication: DrReplicationEvidence | undefined,
): CheckOutcome {
  const { drRegion } = descriptor;
  const rpo = formatDurationMinutes(descriptor.rpoMinutes);
  const target = drRegion ?? 'the DR region';
  if (!replication) {
    return {
      status: 'unknown',
      evidence: {
        source: 'dr-provider',
        observed: 'no DR provider reported on the database replica',
      },
      fix: "Configure a DR provider for the service's database so Delivery can read its replica and lag.",
    };
  }
  const { provider, replica, region, lagSeconds, measuredAt } = replication;
  const where = {
    source: 'dr-provider' as const,
    provider,
    object: replica,
    at: measuredAt,
  };
  if (!replica) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `${provider} found no replica of the database`,
      },
      fix: `Create a replica of the database in ${target} (for example a cross-region read replica).`,
    };
  }
  if (drRegion && region && region !== drRegion) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `replica ${replica} is in ${region}, not in the DR region ${drRegion}`,
      },
      fix: `Create the replica in ${drRegion}, where the service fails over to.`,
    };
  }
  if (lagSeconds === undefined) {
    return {
      status: 'unknown',
      evidence: {
        ...where,
        observed: `replica ${replica} found, but ${provider} did not measure its lag`,
      },
      fix: `Make ${provider} report the replication lag of ${replica}.`,
    };
  }
  const lag = `${lagSeconds}s${
    lagSeconds >= 60 ? ` (${formatSpan(lagSeconds * 1000)})` : ''
  }`;
  if (lagSeconds > descriptor.rpoMinutes * 60) {
    return {
      status: 'fail',
      evidence: {
        ...where,
        observed: `replica ${replica} lags ${lag}, more than the RPO of ${rpo}`,
      },
      fix: `Bring the replication lag of ${replica} under ${rpo} (replica size, write volume, network) or agree a longer RPO.`,
    };
  }
  return {
    status: 'pass',
    evidence: {
      ...where,
      observed: `replica ${replica} lags ${lag}, within the RPO of ${rpo}`,
    },
    fix: `Keep the replication lag of ${replica} under ${rpo}.`,
  };
}
