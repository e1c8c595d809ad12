import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { ReactNode } from 'react';

/**
 * The frame of every Delivery card: a titled `@backstage/ui` card, so the cards look the
 * same on the Delivery tab, on the entity overview and on the overview page. The title is
 * a heading, so a screen reader (and a test) finds each card by its name.
 */
export function DeliveryCard(props: { title: string; children: ReactNode }) {
  const { title, children } = props;
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small" weight="bold">
          {title}
        </Text>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}
