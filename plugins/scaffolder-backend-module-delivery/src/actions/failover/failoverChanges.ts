import {
  DrFailoverMode,
  DrFailoverStepId,
  DrFailoverStepRecord,
} from '@internal/backstage-plugin-delivery-common';

/** Steps that only read or wait: they change nothing another system would notice. */
const READS: readonly DrFailoverStepId[] = ['pre-checks', 'approval', 'verify'];

/**
 * A failover's steps that changed something, one line each for the audit log:
 * `production > production-dr/propertyos: switchover step promote done: ...`. Each
 * provider call behind them is audited by the Delivery backend too (`dr-operation`).
 */
export function failoverChanges(options: {
  primary: string;
  dr: string;
  namespace?: string;
  mode: DrFailoverMode;
  steps: DrFailoverStepRecord[];
}): string[] {
  const where = `${options.primary} > ${options.dr}${
    options.namespace ? `/${options.namespace}` : ''
  }`;
  return options.steps
    .filter(s => !READS.includes(s.id))
    .filter(s => s.status === 'done' || s.status === 'rolled-back')
    .map(
      s => `${where}: ${options.mode} step ${s.id} ${s.status}: ${s.detail}`,
    );
}
