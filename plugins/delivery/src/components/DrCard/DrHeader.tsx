import { DrReadiness } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { formatMinutes } from './drDurations';
import { DrGradeLabel } from './DrGradeLabel';
import { objectiveDefaults } from './objectiveDefaults';

function Objective(props: {
  label: string;
  minutes: number;
  defaulted: boolean;
}) {
  const { label, minutes, defaulted } = props;
  return (
    <Box mr={3} aria-label={label}>
      <Typography variant="overline" display="block">
        {label}
      </Typography>
      <Typography variant="h6" component="span">
        {formatMinutes(minutes)}
      </Typography>
      {defaulted && (
        <Chip
          size="small"
          variant="outlined"
          label="tier default"
          style={{ marginLeft: 8 }}
        />
      )}
    </Box>
  );
}

/** Score and grade, tier, and the recovery objectives the checks measure against. */
export function DrHeader({ readiness }: { readiness: DrReadiness }) {
  const defaults = objectiveDefaults(readiness);
  return (
    <Box mb={2}>
      <Box display="flex" flexWrap="wrap" alignItems="flex-end">
        <Box mr={3} aria-label="score">
          <Typography variant="overline" display="block">
            Score
          </Typography>
          <Typography variant="h4" component="span">
            {readiness.score}
          </Typography>
          <Typography variant="body2" component="span">
            {' '}
            / 100
          </Typography>
        </Box>
        <Box mr={3} aria-label="grade">
          <Typography variant="overline" display="block">
            Grade
          </Typography>
          <Typography variant="h6" component="span">
            <DrGradeLabel grade={readiness.grade} />
          </Typography>
        </Box>
        <Box mr={3} aria-label="tier">
          <Typography variant="overline" display="block">
            Tier
          </Typography>
          <Typography variant="h6" component="span">
            {readiness.tier}
          </Typography>
        </Box>
        <Objective
          label="RTO"
          minutes={readiness.rtoMinutes}
          defaulted={defaults.rto}
        />
        <Objective
          label="RPO"
          minutes={readiness.rpoMinutes}
          defaulted={defaults.rpo}
        />
      </Box>
      {defaults.note && (
        <Typography variant="body2" color="textSecondary">
          Objectives: {defaults.note}
        </Typography>
      )}
    </Box>
  );
}
