import { Progress } from '@backstage/core-components';
import { ReactNode } from 'react';
import { CardError } from './CardError';
import { DeliveryCard } from './DeliveryCard';

/**
 * The loading and error states every Delivery card shares; once the data is there the
 * card renders it with `children`, which draws its own empty state.
 */
export function AsyncCard<T>(props: {
  title: string;
  errorTitle: string;
  state: { loading: boolean; error?: Error; value?: T };
  retry: () => void;
  children: (value: T) => ReactNode;
}) {
  const { title, errorTitle, state, retry, children } = props;
  if (state.loading) {
    return (
      <DeliveryCard title={title}>
        <Progress />
      </DeliveryCard>
    );
  }
  if (state.error || state.value === undefined) {
    return (
      <DeliveryCard title={title}>
        <CardError
          title={errorTitle}
          error={
            state.error ?? new Error('The Delivery backend sent no answer')
          }
          onRetry={retry}
        />
      </DeliveryCard>
    );
  }
  return <>{children(state.value)}</>;
}
