import { TableColumn } from '@backstage/core-components';
import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import Tooltip from '@material-ui/core/Tooltip';
import { DR_GRADE_WORDS, DrGradeLabel } from '../DrCard/DrGradeLabel';
import { compareRowsWorstFirst } from './drReadiness';

/** The score coloured by grade; the grade in words on hover, a dash when not derived yet. */
export function DrReadinessCell({ row }: { row: OverviewRow }) {
  if (!row.dr) {
    return (
      <Tooltip title="DR readiness not derived yet for this service">
        <span aria-label="DR readiness not derived yet">—</span>
      </Tooltip>
    );
  }
  const { score, grade } = row.dr;
  return (
    <Tooltip title={`${DR_GRADE_WORDS[grade]}: ${score}/100`}>
      <span aria-label={`DR readiness ${score}, ${DR_GRADE_WORDS[grade]}`}>
        <DrGradeLabel grade={grade}>{score}</DrGradeLabel>
      </span>
    </Tooltip>
  );
}

/**
 * The overview's DR column: kept narrow (a score is at most three digits, the header
 * wraps) because the table is already wide at 1440 px; sorting it ascending puts the
 * worst readiness first.
 */
export const drReadinessColumn: TableColumn<OverviewRow> = {
  title: 'DR readiness',
  field: 'dr.score',
  customSort: compareRowsWorstFirst,
  render: row => <DrReadinessCell row={row} />,
  width: '88px',
  headerStyle: { whiteSpace: 'normal', maxWidth: 88 },
  cellStyle: { whiteSpace: 'nowrap', maxWidth: 88 },
};
