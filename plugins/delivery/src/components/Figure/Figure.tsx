import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

/**
 * A headline figure of a card (a score, a monthly cost, a budget): a small caption above
 * the value, with an optional note under it. Labelled, so a screen reader (and a test)
 * finds the figure by what it is.
 */
export function Figure(props: {
  /** The accessible name; also the caption unless `caption` is given. */
  label: string;
  caption?: string;
  /** `large` for the card's main figure, `medium` for the others. */
  size?: 'large' | 'medium';
  note?: ReactNode;
  children: ReactNode;
}) {
  const { label, caption = label, size = 'medium', note, children } = props;
  return (
    <div aria-label={label}>
      <Text
        as="div"
        variant="body-x-small"
        weight="bold"
        color="secondary"
        style={{ textTransform: 'uppercase', letterSpacing: '0.08em' }}
      >
        {caption}
      </Text>
      <Text
        variant={size === 'large' ? 'title-large' : 'title-small'}
        weight="bold"
      >
        {children}
      </Text>
      {note && (
        <Text as="div" variant="body-small" color="secondary">
          {note}
        </Text>
      )}
    </div>
  );
}
