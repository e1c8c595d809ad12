import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  GithubIntegrationConfig,
  ScmIntegrations,
} from '@backstage/integration';
import { DoraCommitFact } from '@internal/backstage-plugin-delivery-common';
import { Octokit } from '@octokit/rest';
import { COMMIT_SHA, imageTagOf } from './imageTag';

/** How long an answer about a git tag is kept: tags rarely move. */
const TAG_TTL_MS = 60 * 60 * 1000;
/** How long a failure (rate limit, outage) is kept, so a busy page does not hammer GitHub. */
const FAILURE_TTL_MS = 5 * 60 * 1000;
/** Answers kept at most; the oldest go first. */
const MAX_ENTRIES = 10_000;

interface Cached {
  fact: DoraCommitFact;
  /** Undefined: forever (a commit's time never changes). */
  expiresAt?: number;
}

/**
 * The commit time of a deployed image, from the repository its service names
 * (`github.com/project-slug`): the image tag is a commit sha, or a git tag of that
 * repository (also tried with a `v` in front, as `1.4.2` is often tagged `v1.4.2`).
 * Answers are cached: a commit's time forever, a tag's for an hour.
 */
export class GithubCommitTimes {
  private readonly cache = new Map<string, Cached>();

  static fromConfig(
    config: RootConfigService,
    logger: LoggerService,
  ): GithubCommitTimes {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubCommitTimes(
      integrations.github.list().map(i => i.config),
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      logger,
    );
  }

  constructor(
    private readonly hosts: GithubIntegrationConfig[],
    private readonly credentials: Pick<
      DefaultGithubCredentialsProvider,
      'getCredentials'
    >,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Why no image of a service can be looked up, or undefined when they can: the service
   * names no repository, or no GitHub integration is configured.
   */
  unavailable(slug: string | undefined): string | undefined {
    if (!slug)
      return 'the service has no github.com/project-slug annotation naming its repository';
    if (!/^[\w.-]+\/[\w.-]+$/.test(slug))
      return `github.com/project-slug "${slug}" is not owner/repository`;
    if (!this.host())
      return 'no GitHub integration is configured (integrations.github)';
    return undefined;
  }

  /** The commit facts of `images` (each looked up once), by image. */
  async commitsOf(
    slug: string,
    images: Iterable<string>,
  ): Promise<Map<string, DoraCommitFact>> {
    const facts = new Map<string, DoraCommitFact>();
    for (const image of new Set(images)) {
      facts.set(image, await this.commitOf(slug, image));
    }
    return facts;
  }

  private host(): GithubIntegrationConfig | undefined {
    return (
      this.hosts.find(h => h.host === 'github.com') ??
      (this.hosts.length === 1 ? this.hosts[0] : undefined)
    );
  }

  private async commitOf(slug: string, image: string): Promise<DoraCommitFact> {
    const tagged = imageTagOf(image);
    if ('unknown' in tagged) return tagged;
    const key = `${slug}\n${tagged.tag}`;
    const cached = this.cache.get(key);
    if (
      cached &&
      (cached.expiresAt === undefined || cached.expiresAt > this.now())
    )
      return cached.fact;
    const { fact, ttl } = await this.lookUp(slug, tagged.tag);
    this.cache.delete(key);
    this.cache.set(key, {
      fact,
      expiresAt: ttl === undefined ? undefined : this.now() + ttl,
    });
    if (this.cache.size > MAX_ENTRIES)
      this.cache.delete(this.cache.keys().next().value!);
    return fact;
  }

  private async lookUp(
    slug: string,
    tag: string,
  ): Promise<{ fact: DoraCommitFact; ttl?: number }> {
    const host = this.host()!;
    const [owner, repo] = slug.split('/');
    try {
      const { token } = await this.credentials.getCredentials({
        url: `https://${host.host}/${slug}`,
      });
      if (!token)
        return {
          fact: {
            unknown: `no GitHub token or app for ${host.host} in integrations.github`,
          },
          ttl: FAILURE_TTL_MS,
        };
      const octokit = new Octokit({
        auth: token,
        baseUrl: host.apiBaseUrl,
        // The global fetch at call time (Node's, or a test's interceptor).
        request: {
          fetch: (...args: Parameters<typeof fetch>) => fetch(...args),
        },
      });
      const sha = COMMIT_SHA.test(tag)
        ? tag
        : await this.commitOfTag(octokit, owner, repo, tag);
      if (!sha)
        return {
          fact: { unknown: `tag ${tag} is not a commit or git tag of ${slug}` },
          ttl: TAG_TTL_MS,
        };
      const { data } = await octokit.repos.getCommit({ owner, repo, ref: sha });
      const committedAt =
        data.commit.committer?.date ?? data.commit.author?.date;
      if (!committedAt)
        return { fact: { unknown: `commit ${sha} of ${slug} has no date` } };
      // A sha tag never moves; a git tag might.
      return {
        fact: { committedAt },
        ttl: COMMIT_SHA.test(tag) ? undefined : TAG_TTL_MS,
      };
    } catch (error) {
      return {
        fact: { unknown: this.failure(error, slug, tag) },
        ttl: FAILURE_TTL_MS,
      };
    }
  }

  /** The commit a git tag points at, through an annotated tag object if need be. */
  private async commitOfTag(
    octokit: Octokit,
    owner: string,
    repo: string,
    tag: string,
  ): Promise<string | undefined> {
    for (const name of /^\d/.test(tag) ? [tag, `v${tag}`] : [tag]) {
      try {
        const { data: ref } = await octokit.git.getRef({
          owner,
          repo,
          ref: `tags/${name}`,
        });
        if (ref.object.type === 'commit') return ref.object.sha;
        const { data: annotated } = await octokit.git.getTag({
          owner,
          repo,
          tag_sha: ref.object.sha,
        });
        return annotated.object.sha;
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }
    return undefined;
  }

  /** Rate limits, permissions and a missing repository told apart, for the card. */
  private failure(error: unknown, slug: string, tag: string): string {
    const status = (error as { status?: number }).status;
    const headers = (
      error as { response?: { headers?: Record<string, string> } }
    ).response?.headers;
    this.logger.warn(`Lead time of ${slug} tag ${tag}: ${String(error)}`);
    if (
      status === 429 ||
      (status === 403 && headers?.['x-ratelimit-remaining'] === '0')
    )
      return 'GitHub rate limit reached; lead time will be looked up again in a few minutes';
    if (status === 401 || status === 403)
      return `the GitHub token may not read ${slug}`;
    if (status === 404) return `${slug} or commit ${tag} is not on GitHub`;
    return `GitHub did not answer (${status ?? 'no response'})`;
  }
}
