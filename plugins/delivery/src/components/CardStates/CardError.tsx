import { Alert, Button } from '@backstage/ui';

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
    <Alert
      status="danger"
      icon
      title={title}
      description={error.message}
      customActions={
        onRetry && (
          <Button size="small" variant="secondary" onPress={onRetry}>
            Try again
          </Button>
        )
      }
    />
  );
}
