import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, Text } from '@backstage/ui';
import { OverviewEntity } from '@internal/backstage-plugin-delivery-common';
import { CSSProperties, Fragment, ReactNode } from 'react';
import {
  BUDGET_STATUS_MEANING,
  BUDGET_STATUS_WORDS,
} from '../CostCard/BudgetStatusChip';
import { formatUsd, formatWholeUsd } from '../CostCard/money';
import { DR_GRADE_WORDS, DrGradeLabel } from '../DrCard/DrGradeLabel';
import { groupName } from './costGroups';

/**
 * Short tokens (names, versions, amounts) never break: a cell too narrow for one ends it
 * with an ellipsis (the whole token on hover) instead of wrapping it mid-word.
 */
export const ONE_LINE: CSSProperties = {
  display: 'block',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};

/** A token that never breaks inside: a name, a version, "2m ago". */
export const NO_BREAK: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * A line of tokens that may wrap between tokens and never inside one: each token is
 * kept whole, and the line breaks only at the spaces between them.
 */
export function Tokens(props: {
  children: ReactNode[];
  style?: CSSProperties;
  title?: string;
}) {
  return (
    <span
      title={props.title}
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: '0.3em',
        overflowWrap: 'normal',
        wordBreak: 'normal',
        ...props.style,
      }}
    >
      {props.children
        .filter(token => token !== null && token !== false && token !== '')
        .map((token, index) => (
          // The space is for copying and screen readers; flex layout drops it and the
          // column gap spaces the tokens instead.
          <Fragment key={index}>
            {index > 0 && ' '}
            <span style={NO_BREAK}>{token}</span>
          </Fragment>
        ))}
    </span>
  );
}

/**
 * A short value with its explanation on hover. The browser's own tooltip: an overlay
 * tooltip needs an interactive element to hang on, and these values are not controls;
 * the words are in the value's accessible name as well.
 */
export function WithTooltip(props: { tip: string; children: ReactNode }) {
  return (
    <span title={props.tip} style={{ whiteSpace: 'nowrap' }}>
      {props.children}
    </span>
  );
}

/**
 * The service's name as a link to it, its team and system under it. A plain link to
 * the entity's route: the catalog's presentation lookup per row costs too much on a page
 * of many services, and the overview already knows the name.
 */
export function ServiceNameCell({ service }: { service: OverviewEntity }) {
  const entityLink = useEntityRefLink();
  const team = groupName(service.owner, 'owner');
  const system = groupName(service.system, 'system');
  return (
    <>
      <span style={ONE_LINE} title={service.title ?? service.name}>
        <Link href={entityLink(service.entityRef)}>
          {service.title ?? service.name}
        </Link>
      </span>
      <Text variant="body-small" color="secondary">
        <Tokens title={`${team} · ${system} · ${service.tier}`}>
          {[`${team} ·`, `${system} ·`, service.tier]}
        </Tokens>
      </Text>
    </>
  );
}

/** The score coloured by grade; the grade in words on hover, a dash when not derived yet. */
export function DrReadinessCell({ service }: { service: OverviewEntity }) {
  if (!service.dr) {
    return (
      <WithTooltip tip="DR readiness not derived yet for this service">
        <span aria-label="DR readiness not derived yet">—</span>
      </WithTooltip>
    );
  }
  const { score, grade } = service.dr;
  return (
    <WithTooltip tip={`${DR_GRADE_WORDS[grade]}: ${score}/100`}>
      <span aria-label={`DR readiness ${score}, ${DR_GRADE_WORDS[grade]}`}>
        <DrGradeLabel grade={grade}>{score}</DrGradeLabel>
      </span>
    </WithTooltip>
  );
}

/** A shape as well as a colour, so the status reads without colour vision. */
const BUDGET_MARKS = {
  'forecast-over': { mark: '▲', colour: 'var(--bui-fg-warning)' },
  over: { mark: '●', colour: 'var(--bui-fg-negative)' },
};

/**
 * Whole dollars a month and the budget status when it needs attention (under budget is
 * the quiet case); the exact amount and the status's meaning on hover; a dash until the
 * service is priced.
 */
export function CostCell({ service }: { service: OverviewEntity }) {
  if (!service.cost) {
    return (
      <WithTooltip tip="Not priced yet">
        <span aria-label="monthly cost not priced yet">—</span>
      </WithTooltip>
    );
  }
  const { monthlyUsd, budgetStatus } = service.cost;
  const attention =
    budgetStatus && budgetStatus !== 'under' ? budgetStatus : undefined;
  const tip = `${formatUsd(monthlyUsd)} a month, every environment${
    attention ? `. ${BUDGET_STATUS_MEANING[attention]}` : ''
  }`;
  return (
    <WithTooltip tip={tip}>
      <span aria-label={`monthly cost ${formatWholeUsd(monthlyUsd)}`}>
        {formatWholeUsd(monthlyUsd)}
      </span>
      {attention && (
        <span
          role="img"
          aria-label={BUDGET_STATUS_WORDS[attention]}
          style={{ color: BUDGET_MARKS[attention].colour, marginLeft: 4 }}
        >
          {BUDGET_MARKS[attention].mark}
        </span>
      )}
    </WithTooltip>
  );
}
