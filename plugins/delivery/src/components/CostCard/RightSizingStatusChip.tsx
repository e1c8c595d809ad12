import { RightSizingStatus } from '@internal/backstage-plugin-delivery-common';
import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import TuneIcon from '@material-ui/icons/Tune';

/** The verdicts in the words of the card. */
export const RIGHT_SIZING_STATUS_WORDS: Record<RightSizingStatus, string> = {
  recommend: 'Change recommended',
  'right-sized': 'Right-sized',
  'insufficient-data': 'Not enough data',
  refused: 'Refused',
};

/** Shapes as well as colours, so the status reads without colour vision. */
const ICONS = {
  recommend: TuneIcon,
  'right-sized': CheckCircleIcon,
  'insufficient-data': HourglassEmptyIcon,
  refused: BlockIcon,
};

/** A Deployment's right-sizing verdict as a coloured chip with its icon and words. */
export function RightSizingStatusChip({
  status,
}: {
  status: RightSizingStatus;
}) {
  const { palette } = useTheme();
  const colours: Record<
    RightSizingStatus,
    { backgroundColor: string; color: string }
  > = {
    recommend: {
      backgroundColor: palette.info.main,
      color: palette.info.contrastText,
    },
    'right-sized': {
      backgroundColor: palette.success.main,
      color: palette.success.contrastText,
    },
    'insufficient-data': {
      backgroundColor: palette.grey[300],
      color: palette.getContrastText(palette.grey[300]),
    },
    refused: {
      backgroundColor: palette.warning.main,
      color: palette.warning.contrastText,
    },
  };
  const Icon = ICONS[status];
  // Inline, so the Chip's own grey cannot win, whatever order MUI injects its sheets in.
  return (
    <Chip
      size="small"
      style={colours[status]}
      icon={<Icon fontSize="small" style={{ color: 'inherit' }} />}
      label={RIGHT_SIZING_STATUS_WORDS[status]}
    />
  );
}
