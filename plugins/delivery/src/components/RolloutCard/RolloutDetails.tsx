import { StructuredMetadataTable } from '@backstage/core-components';
import {
  ArgoRolloutDetail,
  RolloutStatus,
} from '@internal/backstage-plugin-delivery-common';
import { Box, Text } from '@backstage/ui';
import { analysisWords, argoStepFacts } from './ArgoFacts';
import { ago } from './RolloutState';

/** An Argo Rollout's own facts, as `kubectl argo rollouts get rollout` lists them. */
function argoMetadata(argo: ArgoRolloutDetail): Record<string, string> {
  const facts: Record<string, string | undefined> = {
    controller: `Argo Rollouts (${argo.name})`,
    strategy: argo.strategy === 'canary' ? 'canary' : 'blue-green',
    phase: argo.phase ?? 'not yet observed',
    message: argo.message,
    step: argoStepFacts(argo).join(', ') || undefined,
    paused: argo.pauseReasons.length ? argo.pauseReasons.join(', ') : undefined,
    aborted: argo.aborted ? 'yes: the stable version serves' : undefined,
    stable: argo.stableVersion,
    [argo.strategy === 'canary' ? 'canary' : 'preview']: argo.canaryVersion,
    analysis: argo.analysis
      ? `${argo.analysis.name}: ${analysisWords(argo.analysis)}`
      : undefined,
  };
  return Object.fromEntries(
    Object.entries(facts).filter((entry): entry is [string, string] =>
      Boolean(entry[1]),
    ),
  );
}

/**
 * What a row expands to: the Argo Rollout's facts where one runs the service, the pods
 * that do not serve and why, the HPA, the revisions.
 */
export function RolloutDetails({
  rollout,
  now,
}: {
  rollout: RolloutStatus;
  now: number;
}) {
  const hpa = rollout.hpa;
  return (
    <Box p="4">
      <Text as="p" variant="body-medium">
        {rollout.summary}
      </Text>
      {rollout.argo && (
        <>
          <Text as="h4" variant="body-medium" weight="bold">
            Argo Rollout
          </Text>
          <StructuredMetadataTable
            dense
            metadata={argoMetadata(rollout.argo)}
          />
        </>
      )}
      {rollout.problems.length > 0 && (
        <>
          <Text as="h4" variant="body-medium" weight="bold">
            Pods not serving
          </Text>
          <ul aria-label="pods not serving">
            {rollout.problems.map(problem => (
              <li key={`${problem.pod}/${problem.container}`}>
                <code>{problem.pod}</code> ({problem.container}):{' '}
                <strong>{problem.reason}</strong>
                {problem.restarts ? `, ${problem.restarts} restarts` : ''}
                {problem.message ? ` — ${problem.message}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {hpa && (
        <StructuredMetadataTable
          dense
          metadata={{
            autoscaler: `${hpa.current} running, wants ${hpa.desired} (min ${hpa.min}, max ${hpa.max})`,
            CPU: hpa.cpu
              ? `${hpa.cpu.current ?? '?'}% of ${hpa.cpu.target ?? '?'}% target`
              : 'no target',
            memory: hpa.memory
              ? `${hpa.memory.current ?? '?'}% of ${
                  hpa.memory.target ?? '?'
                }% target`
              : 'no target',
          }}
        />
      )}
      {rollout.revisions.length > 0 && (
        <>
          <Text as="h4" variant="body-medium" weight="bold">
            Revisions
          </Text>
          <ul aria-label="revisions">
            {rollout.revisions.map(revision => (
              <li key={revision.revision}>
                #{revision.revision} {revision.version} — {revision.replicas}{' '}
                replicas, {ago(revision.createdAt, now)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Box>
  );
}
