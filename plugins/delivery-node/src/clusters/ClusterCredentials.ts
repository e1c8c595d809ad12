import {
  AuthenticationStrategy,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';
import { ClusterAuth } from './clusterAuth';

/**
 * Which identity a request goes out as: the cache and every other reader use `read`; the
 * scaffolder actions use `write` (the read identity when no write credential is set).
 * @public
 */
export type ClusterAccess = 'read' | 'write';

/**
 * Where a KubeConfig asks for the credential of each request.
 * @public
 */
export interface ClusterCredentialSource {
  credential(access: ClusterAccess): Promise<KubernetesCredential>;
}

/** Long enough to spare the strategy a call per request, far inside any token's lifetime. */
const DEFAULT_TTL_MS = 60_000;

/**
 * One cluster's credentials from the upstream strategies, asked again after `ttlMs`:
 * tokens expire (an AWS presigned STS token after 15 minutes, a projected service-account
 * token after an hour), so a long-running watch must not keep the first one.
 * @public
 */
export class ClusterCredentials implements ClusterCredentialSource {
  private readonly cached = new Map<
    ClusterAccess,
    { at: number; credential: Promise<KubernetesCredential> }
  >();

  constructor(
    private readonly strategy: AuthenticationStrategy,
    private readonly cluster: Omit<ClusterDetails, 'authMetadata'>,
    private readonly auth: { read: ClusterAuth; write?: ClusterAuth },
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly now = () => Date.now(),
  ) {}

  credential(access: ClusterAccess): Promise<KubernetesCredential> {
    const hit = this.cached.get(access);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.credential;
    const auth = (access === 'write' && this.auth.write) || this.auth.read;
    // The background identity has no user request, so client-side providers get none.
    const credential = this.strategy.getCredential(
      { ...this.cluster, authMetadata: auth.authMetadata },
      {},
    );
    this.cached.set(access, { at: this.now(), credential });
    // A failure is not kept: the next request asks again.
    credential.catch(() => {
      if (this.cached.get(access)?.credential === credential)
        this.cached.delete(access);
    });
    return credential;
  }
}
