import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { DrGrade } from '@internal/backstage-plugin-delivery-common';
import { useTheme } from '@material-ui/core/styles';
import { ReactNode } from 'react';

/** @public */
export const DR_GRADE_WORDS: Record<DrGrade, string> = {
  ready: 'Ready',
  'at-risk': 'At risk',
  'not-ready': 'Not ready',
};

/**
 * A DR grade in colour with its icon, as the Backstage status components draw it; shows
 * the grade in words unless given something else to colour (a score).
 */
export function DrGradeLabel(props: { grade: DrGrade; children?: ReactNode }) {
  const { grade, children = DR_GRADE_WORDS[grade] } = props;
  switch (grade) {
    case 'ready':
      return <StatusOK>{children}</StatusOK>;
    case 'at-risk':
      return <StatusWarning>{children}</StatusWarning>;
    default:
      return <StatusError>{children}</StatusError>;
  }
}

/** The grades' colours from the app theme, for charts. */
export function useDrGradeColours(): Record<DrGrade, string> {
  const { palette } = useTheme();
  return {
    ready: palette.success.main,
    'at-risk': palette.warning.main,
    'not-ready': palette.error.main,
  };
}
