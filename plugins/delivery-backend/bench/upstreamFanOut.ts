import { SyntheticEntity } from '@internal/sandbox-fleet';
import {
  PortalConfig,
  startBesidePortal,
} from '../src/__testUtils__/realPortalBackends';
import {
  FleetProcess,
  kubernetesRequests,
  resetKubernetesRequests,
} from './fleetProcess';
import { msSince, postJson } from './http';

/** Upstream's entity-page fan-out, measured on a sample and scaled to the catalog. */
export interface UpstreamFanOut {
  sample: number;
  sampleRequests: number;
  sampleSeconds: number;
  /** Kubernetes requests for one look at every service. */
  requestsPerOverview: number;
  secondsPerOverview: number;
}

/**
 * `@backstage/plugin-kubernetes-backend` beside the same catalog and permission backends,
 * asked for each of `sample` services the way its entity page asks
 * (`POST /api/kubernetes/services/:id`), then scaled to all `services`.
 */
export async function measureUpstreamFanOut(options: {
  config: PortalConfig;
  portalUrl: string;
  fleet: FleetProcess;
  components: SyntheticEntity[];
  authorization: string;
  sample: number;
}): Promise<UpstreamFanOut> {
  const upstream = await startBesidePortal({
    config: options.config,
    portalUrl: options.portalUrl,
    features: [import('@backstage/plugin-kubernetes-backend')],
    logLevel: 'error',
  });
  try {
    await resetKubernetesRequests(options.fleet.admin);
    const sample = options.components.slice(0, options.sample);
    const start = process.hrtime.bigint();
    for (const entity of sample) {
      await postJson(
        `${upstream.url}/api/kubernetes/services/${entity.metadata.name}`,
        options.authorization,
        { entity },
      );
    }
    const sampleMs = msSince(start);
    const sampleRequests = await kubernetesRequests(options.fleet.admin);
    const scale = options.components.length / sample.length;
    return {
      sample: sample.length,
      sampleRequests,
      sampleSeconds: sampleMs / 1000,
      requestsPerOverview: Math.round(sampleRequests * scale),
      secondsPerOverview: (sampleMs * scale) / 1000,
    };
  } finally {
    await upstream.stop();
  }
}
