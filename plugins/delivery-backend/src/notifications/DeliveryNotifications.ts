import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BudgetAssessment,
  DeliveryRun,
  DrApproval,
} from '@internal/backstage-plugin-delivery-common';
import { DeliveryConfig } from '@internal/backstage-plugin-delivery-node';
import { RunStore } from '../runs/RunStore';
import { approvalDecided } from './approvalDecided';
import { approvalRequested } from './approvalRequested';
import { costOverBudget } from './costOverBudget';
import { DeliveryNotifier } from './DeliveryNotifier';
import { DrRecordedGradeChange } from '../dr/DrSnapshotStore';
import { drGradeDropped } from './drGradeDropped';
import { ownersOf } from './ownersOf';
import { productionChange } from './productionChange';
import { runFailed } from './runFailed';

/** A budget held against the month, and the service it was assessed for. */
export interface AssessedBudget {
  entity: Entity;
  assessment: BudgetAssessment;
}

/**
 * Delivery's domain events as notifications: the approval routes, the run finish route and
 * the scheduled cost and DR snapshots call these. Each finds the recipients (the service's
 * owner is read from the catalog with the plugin's own credentials: the caller may not see
 * it) and hands the notification to the {@link DeliveryNotifier}. Never throws.
 */
export class DeliveryNotifications {
  private readonly productionEnvironments: string[];

  constructor(
    private readonly deps: {
      notifier: DeliveryNotifier;
      config: Pick<DeliveryConfig, 'environments' | 'platformTeams'>;
      runs: Pick<RunStore, 'getRun'>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {
    this.productionEnvironments = deps.config.environments
      .filter(e => e.production)
      .map(e => e.name);
  }

  /** Whether a kind is on, so a scheduled pass can skip reading what only it needs. */
  wants(kind: Parameters<DeliveryNotifier['enabled']>[0]): boolean {
    return this.deps.notifier.enabled(kind);
  }

  async approvalRequested(approval: DrApproval): Promise<void> {
    // Asking again for the same request returns it decided or expired: nothing to ask then.
    if (approval.status !== 'pending') return;
    await this.deps.notifier.notify(
      approvalRequested(approval, this.deps.config.platformTeams),
    );
  }

  async approvalDecided(approval: DrApproval): Promise<void> {
    const notification = approvalDecided(approval);
    if (notification) await this.deps.notifier.notify(notification);
  }

  /**
   * A run ended: read as recorded, so a retried finish sees the first outcome. At most one
   * notification per run: a failed production deploy is the failure, and goes as the
   * production change only when failures are turned off.
   */
  async runFinished(runId: string): Promise<void> {
    const { notifier, logger } = this.deps;
    if (!notifier.enabled('runFailed') && !notifier.enabled('productionChange'))
      return;
    let run: DeliveryRun | undefined;
    try {
      run = await this.deps.runs.getRun(runId);
    } catch (error) {
      logger.warn(
        `Delivery notification: run ${runId} could not be read: ${
          (error as Error).message
        }`,
      );
    }
    if (!run || run.status === 'running') return;
    const owners = await this.ownersOfRef(run.entityRef);
    const notification = [
      runFailed(run, owners),
      productionChange(run, owners, this.productionEnvironments),
    ].find(candidate => candidate && notifier.enabled(candidate.kind));
    if (notification) await notifier.notify(notification);
  }

  /**
   * The month's forecasts of a cost tick. A team budget is assessed once per service of
   * the team; its notification names the team, so it goes once.
   */
  async budgetsAssessed(assessed: AssessedBudget[]): Promise<void> {
    for (const { entity, assessment } of assessed) {
      const owners =
        assessment.budget.scope === 'service'
          ? ownersOf(entity)
          : [assessment.budget.owner];
      const notification = costOverBudget(assessment, owners);
      if (notification) await this.deps.notifier.notify(notification);
    }
  }

  /** The grades a DR snapshot recorded, against the ones recorded before them. */
  async drGradesChanged(
    changes: Array<DrRecordedGradeChange & { entity: Entity }>,
  ): Promise<void> {
    for (const { entity, ...change } of changes) {
      const notification = drGradeDropped(change, ownersOf(entity));
      if (notification) await this.deps.notifier.notify(notification);
    }
  }

  private async ownersOfRef(entityRef: string): Promise<string[]> {
    const { catalog, auth, logger } = this.deps;
    try {
      const entity = await catalog.getEntityByRef(entityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      });
      if (!entity) {
        logger.warn(
          `Delivery notification: ${entityRef} is not in the catalog, so it has no owner to tell`,
        );
        return [];
      }
      return ownersOf(entity);
    } catch (error) {
      logger.warn(
        `Delivery notification: the owner of ${entityRef} could not be read: ${
          (error as Error).message
        }`,
      );
      return [];
    }
  }
}
