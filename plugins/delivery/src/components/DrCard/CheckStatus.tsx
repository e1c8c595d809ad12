import { DrCheckStatus } from '@internal/backstage-plugin-delivery-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';

const useStyles = makeStyles(theme => ({
  pass: { color: theme.palette.success.main },
  fail: { color: theme.palette.error.main },
  unknown: { color: theme.palette.warning.dark },
}));

/** What each status means to someone fixing it; unknown is a gap in the evidence, not a failure of the service. */
export const CHECK_STATUS_WORDS: Record<DrCheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  unknown: 'Unknown: evidence missing',
};

const ICONS = {
  pass: CheckCircleIcon,
  fail: CancelIcon,
  unknown: HelpOutlineIcon,
};

/** A check's status as a distinct icon shape and colour, with its words beside it. */
export function CheckStatus({ status }: { status: DrCheckStatus }) {
  const classes = useStyles();
  const Icon = ICONS[status];
  return (
    <Box display="flex" alignItems="center" className={classes[status]}>
      <Icon fontSize="small" aria-hidden />
      <Box component="span" ml={0.5}>
        {CHECK_STATUS_WORDS[status]}
      </Box>
    </Box>
  );
}
