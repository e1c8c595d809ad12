import { LinkButton } from '@backstage/core-components';
import Button, { ButtonProps } from '@material-ui/core/Button';
import { DeliveryAction } from './actionLink';

const TEXT: Record<DeliveryAction, string> = {
  deploy: 'Deploy',
  rollback: 'Rollback',
  scale: 'Scale',
  promote: 'Promote',
  abort: 'Abort',
  retry: 'Retry',
  migrate: 'Migrate',
  failover: 'Failover',
};

/** The accessible name: the action and where ("Deploy to staging", "Rollback staging"). */
export function actionLabel(action: DeliveryAction, environment: string) {
  return action === 'deploy'
    ? `Deploy to ${environment}`
    : `${TEXT[action]} ${environment}`;
}

/** What a ButtonGroup gives each button it holds. */
type ButtonGroupChildProps = Pick<
  ButtonProps,
  | 'className'
  | 'color'
  | 'disabled'
  | 'disableElevation'
  | 'disableFocusRipple'
  | 'disableRipple'
  | 'fullWidth'
  | 'size'
  | 'variant'
>;

/**
 * Opens one action's template for one environment, its accessible name saying where;
 * without a link (no scaffolder, or an environment the backend does not have) or with a
 * `refusal` (the user may not run it) it is shown disabled (the refusal as its title), and the card says why. Other props (a ButtonGroup's styling) go to the button.
 */
export function ActionButton(
  props: {
    action: DeliveryAction;
    environment: string;
    href?: string;
    /** Why the user may not run it ("Only messaging-team and the platform team may ..."). */
    refusal?: string;
  } & ButtonGroupChildProps,
) {
  const { action, environment, href, refusal, ...buttonProps } = props;
  const label = actionLabel(action, environment);
  if (!href || refusal) {
    return (
      <Button
        size="small"
        variant="outlined"
        {...buttonProps}
        disabled
        aria-label={label}
        // The card also shows the reason as text beside the buttons: a disabled button
        // shows no tooltip on hover in every browser.
        title={refusal}
      >
        {TEXT[action]}
      </Button>
    );
  }
  return (
    <LinkButton
      size="small"
      variant="outlined"
      {...buttonProps}
      to={href}
      aria-label={label}
    >
      {TEXT[action]}
    </LinkButton>
  );
}
