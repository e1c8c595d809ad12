import {
  ArgoAnalysis,
  ArgoRolloutDetail,
  OverviewArgo,
} from '@internal/backstage-plugin-delivery-common';
import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

/**
 * One fact; a short one never breaks inside itself, so a line breaks between facts. A
 * long one (an analysis message) wraps between its words rather than widen the table.
 */
function Fact({ children, long }: { children: ReactNode; long: boolean }) {
  return (
    <span style={{ whiteSpace: long ? 'normal' : 'nowrap' }}>{children}</span>
  );
}

const LONG_FACT = 32;

/** Facts in one caption line, separated by a middle dot. */
function FactLine({
  facts,
  label,
}: {
  facts: Array<string | undefined>;
  label?: string;
}) {
  const shown = facts.filter((fact): fact is string => Boolean(fact));
  if (!shown.length) return null;
  return (
    <Text as="div" variant="body-small" color="secondary" aria-label={label}>
      {shown.map((fact, index) => (
        <Fact key={index} long={fact.length > LONG_FACT}>
          {index > 0 ? ' · ' : ''}
          {fact}
        </Fact>
      ))}
    </Text>
  );
}

/** Where a canary stands: `step 2/6`, `weight 50%`, and the actual weight when it differs. */
export function argoStepFacts(argo: OverviewArgo & ArgoWeights): string[] {
  const facts: string[] = [];
  if (argo.step) facts.push(`step ${argo.step}`);
  if (argo.setWeightPercent !== undefined) {
    const actual =
      argo.actualWeightPercent !== undefined &&
      argo.actualWeightPercent !== argo.setWeightPercent
        ? ` (actual ${argo.actualWeightPercent}%)`
        : '';
    facts.push(`weight ${argo.setWeightPercent}%${actual}`);
  }
  return facts;
}

type ArgoWeights = { actualWeightPercent?: number };

/** An AnalysisRun's result in words: `analysis Failed: success-rate: rate 0.62 < 0.95`. */
export function analysisWords(analysis: ArgoAnalysis): string {
  const metric = analysis.failedMetric;
  const why = metric
    ? `: ${metric.name}${metric.message ? `: ${metric.message}` : ''}`
    : '';
  return `analysis ${analysis.phase}${why}`;
}

/** Why an Argo Rollout waits or stopped, when it does. */
function reasonOf(argo: ArgoRolloutDetail): string | undefined {
  if (argo.aborted) return 'aborted';
  if (argo.pauseReasons.length)
    return `paused: ${argo.pauseReasons.join(', ')}`;
  // Paused by spec.paused (`kubectl argo rollouts pause`): the controller says so.
  if (argo.phase === 'Paused') return argo.message ?? 'paused';
  return undefined;
}

/**
 * Under an Argo-run environment's state: that an Argo Rollout runs it, where its canary
 * stands, why it waits or stopped, and its analysis.
 */
export function ArgoRolloutCaption({ argo }: { argo: ArgoRolloutDetail }) {
  return (
    <>
      <FactLine
        label="Argo Rollout"
        facts={['Argo Rollout', ...argoStepFacts(argo)]}
      />
      <FactLine
        label="Argo Rollout status"
        facts={[
          reasonOf(argo),
          argo.analysis ? analysisWords(argo.analysis) : undefined,
        ]}
      />
    </>
  );
}

/** Under a state in the overview: where an Argo canary stands. */
export function OverviewArgoCaption({ argo }: { argo: OverviewArgo }) {
  return <FactLine label="Argo Rollout" facts={argoStepFacts(argo)} />;
}
