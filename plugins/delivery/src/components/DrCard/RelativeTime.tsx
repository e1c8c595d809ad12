import Tooltip from '@material-ui/core/Tooltip';
import { ago } from '../RolloutCard/RolloutState';

/** "3h ago", with the exact ISO time on hover. */
export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  return (
    <Tooltip title={iso}>
      <time dateTime={iso}>{ago(iso, now)}</time>
    </Tooltip>
  );
}
