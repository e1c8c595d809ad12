import { LinkButton } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/**
 * Opens the Deploy template for one environment. Its accessible name says where
 * ("Deploy to staging"); without a link (no scaffolder, or an environment the backend
 * does not have) it is shown disabled and the card says why.
 */
export function DeployButton(props: { environment: string; href?: string }) {
  const { environment, href } = props;
  const label = `Deploy to ${environment}`;
  if (!href) {
    return (
      <Button size="small" variant="outlined" disabled aria-label={label}>
        Deploy
      </Button>
    );
  }
  return (
    <LinkButton
      size="small"
      variant="outlined"
      color="primary"
      to={href}
      aria-label={label}
    >
      Deploy
    </LinkButton>
  );
}
