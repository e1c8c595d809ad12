import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../api';
import { CardError } from '../components/CardStates';
import { CostEstimateTable } from './CostEstimateTable';
import { goldenPathEstimate } from './goldenPathEstimate';

/**
 * `ui:field: DeliveryCostEstimate`: the monthly cost of the service being created, per
 * environment, while the developer types. Display only: it never calls onChange, so its
 * property stays undefined and is not posted (delivery:golden-path:validate rejects keys
 * that are not parameters). The prices are read once when the page opens; the formula runs
 * in the browser on every change of the form's values (formContext.formData, which the
 * scaffolder's stepper keeps current across all pages).
 */
export function CostEstimateField(props: FieldExtensionComponentProps<string>) {
  const { schema, formContext } = props;
  const api = useApi(deliveryApiRef);
  const prices = useAsyncRetry(() => api.getCostPrices(), [api]);
  const formData = formContext?.formData as Record<string, unknown> | undefined;
  const estimate = useMemo(
    () =>
      prices.value
        ? goldenPathEstimate(formData ?? {}, prices.value)
        : undefined,
    [formData, prices.value],
  );

  let content;
  if (prices.loading) {
    content = (
      <>
        <Typography variant="body2">
          Reading the prices from the Delivery backend…
        </Typography>
        <Progress />
      </>
    );
  } else if (prices.error || !estimate) {
    content = (
      <CardError
        title="The estimate needs the Delivery backend, which did not answer with prices"
        error={prices.error ?? new Error('The Delivery backend sent no prices')}
        onRetry={prices.retry}
      />
    );
  } else if (estimate.kind === 'problem') {
    content = (
      <Typography role="status" color="error" variant="body2">
        No estimate for these values: {estimate.message}
      </Typography>
    );
  } else if (estimate.rows.length === 0) {
    content = (
      <Typography role="status" variant="body2">
        Choose at least one environment to see the estimate.
      </Typography>
    );
  } else {
    content = <CostEstimateTable estimate={estimate} />;
  }

  return (
    <Box marginTop={2} marginBottom={1}>
      <Typography variant="subtitle1" component="h3">
        {schema.title ?? 'Monthly estimate'}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {content}
    </Box>
  );
}
