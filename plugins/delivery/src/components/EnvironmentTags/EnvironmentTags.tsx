import { Tag, TagGroup } from '@backstage/ui';
import { RiLockLine } from '@remixicon/react';

/** One environment's tag: its name, a lock when it is production, and an optional note. */
export interface EnvironmentTag {
  name: string;
  production: boolean;
  /** Shown as a second tag after the name, with `hint` on hover. */
  note?: { text: string; hint: string };
}

/**
 * Environment names as tags, the way every Delivery card draws them: production ones with
 * a lock (named "production" for screen readers, since actions there need the platform
 * team).
 */
export function EnvironmentTags(props: {
  label: string;
  environments: EnvironmentTag[];
}) {
  const items = props.environments.flatMap(env => [
    { id: env.name, text: env.name, production: env.production },
    ...(env.note
      ? [
          {
            id: `${env.name}:note`,
            text: env.note.text,
            hint: env.note.hint,
            production: false,
          },
        ]
      : []),
  ]);
  return (
    <TagGroup aria-label={props.label} items={items}>
      {item => (
        <Tag
          id={item.id}
          size="small"
          textValue={item.text}
          icon={
            item.production ? (
              <RiLockLine role="img" aria-label="production" size={14} />
            ) : undefined
          }
        >
          <span title={'hint' in item ? item.hint : undefined}>
            {item.text}
          </span>
        </Tag>
      )}
    </TagGroup>
  );
}
