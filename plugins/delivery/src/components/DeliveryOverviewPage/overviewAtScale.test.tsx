import {
  drGrade,
  OverviewRow,
  RolloutState,
} from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { overviewRow } from '../../__testUtils__/overviewRow';
import {
  choose,
  matrixOrder,
  renderOverview,
} from '../../__testUtils__/renderOverview';

const SERVICES = 10_000;
const STATES: RolloutState[] = ['complete', 'progressing', 'paused', 'failing'];

/** 10,000 services of 200 teams in 50 systems, each in staging, production and DR. */
function syntheticRows(): OverviewRow[] {
  const rows: OverviewRow[] = [];
  for (let index = 0; index < SERVICES; index++) {
    const name = `service-${String(index).padStart(5, '0')}`;
    const score = index % 101;
    const facts = {
      owner: `group:default/team-${index % 200}`,
      system: `system-${index % 50}`,
      tier: index % 3 ? 'standard' : 'critical',
      dr: {
        score,
        grade: drGrade(score),
        weights: { pass: score, fail: 100 - score, unknown: 0 },
      },
      cost: { monthlyUsd: (index % 997) * 3.5 },
    };
    rows.push(
      overviewRow(name, {
        ...facts,
        cluster: 'staging',
        environment: 'staging',
        state: STATES[index % STATES.length],
      }),
      overviewRow(name, facts),
      overviewRow(name, { ...facts, cluster: 'prod-dr', role: 'dr' }),
    );
  }
  return rows;
}

// An explicit budget for the whole page over 10,000 services (30,000 placements) on a
// busy 2-core machine: the page renders one page of rows, so this is far from tight.
const BUDGET_MS = 120_000;

describe('the overview at 10,000 services', () => {
  it(
    'renders one page, pages on, searches and filters without rendering every service',
    async () => {
      const user = userEvent.setup();
      await renderOverview(syntheticRows());
      expect(
        await screen.findByRole(
          'heading',
          { name: 'Services (10000 of 10000)' },
          { timeout: BUDGET_MS },
        ),
      ).toBeInTheDocument();
      // One page of 50 services, under their team's heading, not 10,000 rows.
      expect(matrixOrder()).toHaveLength(50);
      expect(screen.getByText('1–50 of 10000 services')).toBeInTheDocument();

      await user.click(screen.getByRole('button', { name: /next/i }));
      expect(
        await screen.findByText('51–100 of 10000 services'),
      ).toBeInTheDocument();

      await user.type(screen.getByRole('searchbox'), '04242');
      expect(
        await screen.findByRole('heading', { name: 'Services (1 of 10000)' }),
      ).toBeInTheDocument();
      expect(matrixOrder()).toEqual(['service-04242']);

      await user.clear(screen.getByRole('searchbox'));
      await choose(user, 'State', 'Failing');
      expect(
        await screen.findByRole('heading', {
          name: `Services (${SERVICES / 4} of 10000)`,
        }),
      ).toBeInTheDocument();
      const counts = screen.getByLabelText('counts by state');
      expect(within(counts).getByText('Failing')).toBeInTheDocument();
    },
    BUDGET_MS,
  );
});
