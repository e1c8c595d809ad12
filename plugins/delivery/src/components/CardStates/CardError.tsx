import { WarningPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/**
 * The error state of a Delivery card: what failed in words, and a way to try again.
 * Only the message is shown, never a stack trace or a raw response body.
 */
export function CardError(props: {
  title: string;
  error: Error;
  onRetry?: () => void;
}) {
  const { title, error, onRetry } = props;
  return (
    <WarningPanel
      severity="error"
      title={title}
      message={error.message}
      defaultExpanded
    >
      {onRetry && (
        <Button size="small" variant="outlined" onClick={onRetry}>
          Try again
        </Button>
      )}
    </WarningPanel>
  );
}
