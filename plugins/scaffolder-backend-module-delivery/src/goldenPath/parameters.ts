import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  cpuMillicores,
  memoryBytes,
  parseDurationMinutes,
  STRATEGIES,
  TIER_RECOVERY_DEFAULTS,
  TIERS,
} from '@internal/backstage-plugin-delivery-common';
import { z } from 'zod/v3';
import { reservedKeyPaths } from './reservedKeys';

/** The golden-path templates, each a kind of service. */
export const GOLDEN_PATH_KINDS = [
  'http-service',
  'web-frontend',
  'worker',
] as const;
export type GoldenPathKind = (typeof GOLDEN_PATH_KINDS)[number];

/**
 * The name is the Service's name, and a Service name is a DNS-1035 label (apimachinery's
 * `IsDNS1035Label`, required by `ValidateServiceName`): a letter first, so `1api` is
 * refused here rather than by the API server at the first deploy. `<name>-backup` must stay
 * a valid CronJob name (52 characters), so service names stop at 45.
 */
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IMAGE_REPOSITORY =
  /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)+$/;
const CRON = /^(\S+\s+){4}\S+$/;

const catalogNames = makeValidator();

const entityRef = (kind: 'group' | 'system') =>
  z.string().superRefine((value, ctx) => {
    try {
      const ref = parseEntityRef(value, { defaultKind: kind });
      // parseEntityRef splits on `:` and `/` only; `not a ref` would pass as a name.
      if (
        !catalogNames.isValidKind(ref.kind) ||
        !catalogNames.isValidNamespace(ref.namespace) ||
        !catalogNames.isValidEntityName(ref.name)
      ) {
        ctx.addIssue({
          code: 'custom',
          message: `"${value}" is not an entity reference such as ${kind}:default/payments-team`,
        });
        return;
      }
      if (
        kind === 'group' &&
        !['group', 'user'].includes(ref.kind.toLowerCase())
      )
        ctx.addIssue({ code: 'custom', message: 'must be a group or a user' });
      if (kind === 'system' && ref.kind.toLowerCase() !== 'system')
        ctx.addIssue({ code: 'custom', message: 'must be a system' });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const duration = z
  .string()
  .refine(value => parseDurationMinutes(value) !== undefined, {
    message: 'must be a duration such as 15m, 2h or 1d',
  });

const cpu = z.string().refine(value => cpuMillicores(value) !== undefined, {
  message: 'must be a CPU quantity such as 250m or 1',
});
const memory = z.string().refine(value => memoryBytes(value) !== undefined, {
  message: 'must be a memory quantity such as 256Mi or 1Gi',
});

/**
 * Everything a golden-path template asks, validated on the server as well as in the form:
 * a task posted straight to the scaffolder API meets the same rules. Unknown keys are
 * rejected, so a misspelt field cannot silently fall back to a default.
 */
export function goldenPathParametersSchema(knownEnvironments: string[]) {
  return z
    .object({
      kind: z.enum(GOLDEN_PATH_KINDS),
      name: z
        .string()
        .max(45, 'must be at most 45 characters (it names Kubernetes objects)')
        .regex(
          DNS_1035,
          'must be a DNS-1035 label (it names the Kubernetes Service): lower-case letters, digits and dashes, starting with a letter and ending with a letter or digit',
        ),
      description: z.string().trim().min(1, 'is required').max(300),
      owner: entityRef('group'),
      system: entityRef('system').optional(),
      tier: z.enum(TIERS),
      rto: duration.optional(),
      rpo: duration.optional(),
      strategy: z.enum(STRATEGIES),
      port: z.number().int().min(1).max(65535).optional(),
      cpuRequest: cpu,
      cpuLimit: cpu,
      memoryRequest: memory,
      memoryLimit: memory,
      hpaMin: z.number().int().min(1).max(100),
      hpaMax: z.number().int().min(1).max(100),
      cpuTarget: z.number().int().min(10).max(100),
      memoryTarget: z.number().int().min(10).max(100),
      environments: z
        .array(
          z.string().refine(env => knownEnvironments.includes(env), {
            message: `must be one of ${knownEnvironments.join(', ')}`,
          }),
        )
        .min(1, 'needs at least one environment')
        .refine(list => new Set(list).size === list.length, {
          message: 'lists an environment twice',
        }),
      drRegion: z
        .string()
        .regex(/^[a-z0-9-]{2,32}$/, 'must be a region name such as us-west-2')
        .optional(),
      // A web frontend's form does not ask: it has no database of its own.
      database: z.boolean().default(false),
      backupSchedule: z
        .string()
        .regex(CRON, 'must be a cron schedule with five fields')
        .optional(),
      queueName: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,255}$/, 'must be a queue name')
        .optional(),
      queueTarget: z.number().int().min(1).max(100000).optional(),
      imageRepository: z
        .string()
        .regex(
          IMAGE_REPOSITORY,
          'must be an image repository without tag, such as ghcr.io/acme/payments',
        ),
      costCenter: z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{1,32}$/,
          'must be a cost centre code such as cc-payments',
        ),
      monthlyBudget: z.number().min(0).max(10_000_000),
      publishTarget: z.enum(['local', 'github']),
      repoUrl: z.string().optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (p.hpaMin > p.hpaMax)
        issue('hpaMin', `must not exceed hpaMax (${p.hpaMin} > ${p.hpaMax})`);
      const [cpuReq, cpuLim] = [
        cpuMillicores(p.cpuRequest),
        cpuMillicores(p.cpuLimit),
      ];
      if (cpuReq !== undefined && cpuLim !== undefined && cpuReq > cpuLim)
        issue(
          'cpuRequest',
          `must not exceed cpuLimit (${p.cpuRequest} > ${p.cpuLimit})`,
        );
      const [memReq, memLim] = [
        memoryBytes(p.memoryRequest),
        memoryBytes(p.memoryLimit),
      ];
      if (memReq !== undefined && memLim !== undefined && memReq > memLim)
        issue(
          'memoryRequest',
          `must not exceed memoryLimit (${p.memoryRequest} > ${p.memoryLimit})`,
        );
      if (p.kind !== 'worker' && p.port === undefined)
        issue('port', 'is required for a service that serves HTTP');
      if (p.kind === 'worker' && !p.queueName)
        issue('queueName', 'is required for a worker');
      if (p.kind === 'web-frontend' && p.database)
        issue('database', 'a web frontend has no database of its own');
      if (p.drRegion && !p.environments.includes('production'))
        issue('drRegion', 'a DR standby needs the production environment');
      if (p.publishTarget === 'github' && !p.repoUrl)
        issue('repoUrl', 'is required to publish to GitHub');
    });
}

export type GoldenPathParameters = z.infer<
  ReturnType<typeof goldenPathParametersSchema>
>;

/** What the skeletons render with: the parameters plus every default made explicit. */
export interface GoldenPathValues
  extends Omit<GoldenPathParameters, 'system' | 'drRegion' | 'rto' | 'rpo'> {
  system: string;
  drRegion: string;
  rto: string;
  rpo: string;
  namespace: string;
  /** The registry host of `imageRepository`, for `docker login`. */
  imageRegistry: string;
  backupSchedule: string;
  backup: boolean;
  queueName: string;
  queueTarget: number;
}

const minutesText = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;

/**
 * Validates the parameters and fills the defaults: RTO/RPO from the tier (the seed
 * documents' tables), the namespace from the system, a backup every hour within the RPO
 * for services with a database outside the experimental tier.
 * Throws one message naming every bad field.
 */
export function goldenPathValues(
  input: unknown,
  knownEnvironments: string[],
): GoldenPathValues {
  const reserved = reservedKeyPaths(input);
  if (reserved.length)
    throw new InputError(
      `The service cannot be created as asked:\n${reserved
        .map(
          at =>
            `${at}: the key ${at
              .split('.')
              .pop()} is reserved (it reaches object prototypes); remove it`,
        )
        .join('\n')}`,
    );
  const parsed = goldenPathParametersSchema(knownEnvironments).safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(issue => {
      const field = issue.path.join('.') || 'parameters';
      return issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')}: not a parameter of this template`
        : `${field}: ${issue.message}`;
    });
    throw new InputError(
      `The service cannot be created as asked:\n${problems.join('\n')}`,
    );
  }
  const p = parsed.data;
  const defaults = TIER_RECOVERY_DEFAULTS[p.tier];
  const systemName = p.system
    ? parseEntityRef(p.system, { defaultKind: 'system' }).name
    : '';
  const rpoMinutes = p.rpo ? parseDurationMinutes(p.rpo)! : defaults.rpoMinutes;
  const backup = p.database && p.tier !== 'experimental';
  return {
    ...p,
    system: systemName,
    drRegion: p.drRegion ?? '',
    rto: p.rto ?? minutesText(defaults.rtoMinutes),
    rpo: p.rpo ?? minutesText(defaults.rpoMinutes),
    namespace: systemName || p.name,
    imageRegistry: p.imageRepository.split('/')[0],
    backup,
    // A backup at least as often as the RPO allows, and never more than once every 5 minutes.
    backupSchedule:
      p.backupSchedule ??
      (rpoMinutes >= 60
        ? `0 */${Math.min(24, Math.floor(rpoMinutes / 60))} * * *`
        : `*/${Math.max(5, rpoMinutes)} * * * *`),
    queueName: p.queueName ?? '',
    queueTarget: p.queueTarget ?? 100,
  };
}
