import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CostPricesAnswer } from '@internal/backstage-plugin-delivery-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import path from 'node:path';
import { ReactNode } from 'react';
import { DeliveryApi, deliveryApiRef } from '../api';
import {
  DeliveryAtLeastFieldExtension,
  DeliveryCostEstimateFieldExtension,
} from '../index';

// A whole legacy app with Material UI and the form: seconds on a busy machine.
jest.setTimeout(30_000);

/** The http-service template as the catalog holds it (jest reads YAML as an object). */
const template = require(path.resolve(
  __dirname,
  '../../../../templates/http-service/template.yaml',
)) as {
  spec: { parameters: Array<{ title: string; properties: object }> };
};
const resourcesPage = template.spec.parameters.find(
  page => page.title === 'Resources and autoscaling',
)!;

const onDemand = {
  vcpuHour: 0.04,
  gibHour: 0.005,
  storageGibMonth: 0.1,
  discounts: { spot: 0.7, reserved: 0.4 },
};
const prices: CostPricesAnswer = {
  source: 'configured',
  environments: [
    {
      environment: 'staging',
      cluster: 'stage-1',
      role: 'primary',
      prices: onDemand,
      purchase: 'on-demand',
    },
  ],
};

/**
 * What a legacy app's scaffolder route does with its children: collect the field
 * extensions placed inside `<ScaffolderFieldExtensions>` and hand them to the form.
 */
function LegacyTemplateForm(props: {
  fields: ReactNode;
  onCreate: (values: Record<string, unknown>) => Promise<void>;
}) {
  const extensions = useCustomFieldExtensions(props.fields);
  return (
    <Stepper
      manifest={{
        title: 'HTTP service',
        steps: [{ title: resourcesPage.title, schema: resourcesPage as any }],
      }}
      extensions={extensions}
      initialState={{
        name: 'payments',
        tier: 'standard',
        strategy: 'rolling',
        environments: ['staging'],
      }}
      onCreate={props.onCreate}
    />
  );
}

async function renderLegacyForm() {
  const onCreate = jest.fn(async (_values: Record<string, unknown>) => {});
  const api: Pick<DeliveryApi, 'getCostPrices'> = {
    getCostPrices: async () => prices,
  };
  await renderInTestApp(
    <TestApiProvider apis={[[deliveryApiRef, api]]}>
      <LegacyTemplateForm
        onCreate={onCreate}
        fields={
          <ScaffolderFieldExtensions>
            <DeliveryAtLeastFieldExtension />
            <DeliveryCostEstimateFieldExtension />
          </ScaffolderFieldExtensions>
        }
      />
    </TestApiProvider>,
  );
  return { onCreate };
}

describe('the Delivery field extensions in a legacy app', () => {
  // The stepper scrolls to the top of each page; jsdom has no scrolling.
  beforeAll(() => {
    window.scrollTo = jest.fn();
  });

  it('renders the monthly estimate from the Delivery backend prices', async () => {
    await renderLegacyForm();
    const table = await screen.findByRole('table', {
      name: 'monthly estimate',
    });
    // 0.25 × 0.04 × 730 + 0.25 × 0.005 × 730 = 8.21 a pod (template defaults), 1 to 3
    // pods in staging (half of the production bounds 2 to 6).
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(cell => cell.textContent),
        ),
    ).toEqual([
      ['staging', '1–3 pods', '$8.21', '$24.64'],
      ['Total', '', '$8.21', '$24.64'],
    ]);
  });

  it('refuses a CPU limit below the request on the page, and lets it through once raised', async () => {
    const { onCreate } = await renderLegacyForm();
    const limit = screen.getByRole('textbox', { name: /CPU limit/ });
    await userEvent.clear(limit);
    await userEvent.type(limit, '100m');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByText('must not be below cpuRequest (100m < 250m)'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();

    await userEvent.clear(limit);
    await userEvent.type(limit, '500m');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({ cpuLimit: '500m', cpuRequest: '250m' }),
    );
  });
});
