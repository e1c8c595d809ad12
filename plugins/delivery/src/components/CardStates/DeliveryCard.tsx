import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { ReactNode, useId } from 'react';

/**
 * The frame of every Delivery card: a titled `@backstage/ui` card, so the cards look the
 * same on the Delivery tab, on the entity overview and on the overview page. The card is a
 * region named by its title heading, so a screen reader (and a test) finds each card, and
 * what is inside it, by its name.
 */
export function DeliveryCard(props: { title: string; children: ReactNode }) {
  const { title, children } = props;
  const headingId = useId();
  return (
    <Card role="region" aria-labelledby={headingId}>
      <CardHeader>
        <Text as="h2" id={headingId} variant="title-small" weight="bold">
          {title}
        </Text>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}
