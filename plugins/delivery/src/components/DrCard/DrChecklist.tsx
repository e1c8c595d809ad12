import {
  DrCheck,
  DrCheckEvidence,
  DrEvidenceSource,
  DrNotApplicable,
} from '@internal/backstage-plugin-delivery-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CheckStatus } from './CheckStatus';
import { RelativeTime } from './RelativeTime';

const SOURCE_WORDS: Record<DrEvidenceSource, string> = {
  catalog: 'catalog',
  cluster: 'cluster',
  'dr-provider': 'DR provider',
  velero: 'Velero',
  'run-store': 'run store',
};

/** Where the evidence was read: its source, then whichever of cluster, namespace, object and provider it names. */
function where(evidence: DrCheckEvidence): string {
  return [
    `from the ${SOURCE_WORDS[evidence.source]}`,
    evidence.cluster && `cluster ${evidence.cluster}`,
    evidence.namespace && `namespace ${evidence.namespace}`,
    evidence.object,
    evidence.provider && `provider ${evidence.provider}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

function CheckRow({
  check,
  now,
  showFix,
}: {
  check: DrCheck;
  now: number;
  showFix: boolean;
}) {
  const { evidence } = check;
  return (
    <TableRow data-check={check.id}>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <CheckStatus status={check.status} />
      </TableCell>
      <TableCell>{check.title}</TableCell>
      <TableCell>
        <Typography variant="body2">{evidence.observed}</Typography>
        <Typography variant="caption" color="textSecondary">
          {where(evidence)}
          {evidence.at && (
            <>
              {' · '}
              <RelativeTime iso={evidence.at} now={now} />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell>{showFix ? check.fix : ''}</TableCell>
      <TableCell align="right">{check.weight}</TableCell>
    </TableRow>
  );
}

/**
 * Every applicable check with what was seen, where and when, and how to fix it; then the
 * checks that do not apply, apart, with why. The weight is the points the check is worth
 * for the service's tier.
 */
export function DrChecklist(props: {
  checks: DrCheck[];
  notApplicable: DrNotApplicable[];
  /** The objectives check passes softly on tier defaults; its fix is shown then too. */
  objectivesDefaulted: boolean;
  now: number;
}) {
  const { checks, notApplicable, objectivesDefaulted, now } = props;
  return (
    <>
      <Table size="small" aria-label="DR checks">
        <TableHead>
          <TableRow>
            <TableCell>Status</TableCell>
            <TableCell>Check</TableCell>
            <TableCell>Observed</TableCell>
            <TableCell>Fix</TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              Weight
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checks.map(check => (
            <CheckRow
              key={check.id}
              check={check}
              now={now}
              showFix={
                check.status !== 'pass' ||
                (check.id === 'objectives' && objectivesDefaulted)
              }
            />
          ))}
        </TableBody>
      </Table>
      {notApplicable.length > 0 && (
        <>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Not applicable (left out of the score)
          </Typography>
          <ul aria-label="checks not applicable">
            {notApplicable.map(item => (
              <li key={item.id}>
                <Typography variant="body2">
                  {item.title}: {item.reason}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
