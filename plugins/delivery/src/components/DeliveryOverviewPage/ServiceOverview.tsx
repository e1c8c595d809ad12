import { EmptyState } from '@backstage/core-components';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Header,
  Text,
} from '@backstage/ui';
import { DeliveryOverview } from '@internal/backstage-plugin-delivery-common';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { CostCharts } from './CostCharts';
import { DrDistributionChart } from './DrDistributionChart';
import { drEntries } from './drReadiness';
import { MatrixControls } from './MatrixControls';
import {
  countByState,
  distinctValues,
  filterServices,
  Grouping,
  groupSizes,
  MatrixFilters,
  pageItems,
  SortOrder,
  sortServices,
} from './matrixQuery';
import { useDoraSummary } from '../../hooks/useDoraSummary';
import { MatrixTable } from './MatrixTable';
import { overviewCsv } from './overviewCsv';
import { buildServiceMatrix, drSiteName, MatrixService } from './serviceMatrix';
import { StateCounts } from './StateCounts';

/** The charts redraw only when the services shown change, not on paging or sorting. */
const OverviewCharts = memo(function ChartsOfShownServices(props: {
  services: MatrixService[];
}) {
  const { services } = props;
  const dr = useMemo(() => {
    const entries = drEntries(services);
    return { entries, unassessed: services.length - entries.length };
  }, [services]);
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          DR readiness and cost of the services shown
        </Text>
      </CardHeader>
      <CardBody>
        <DrDistributionChart entries={dr.entries} unassessed={dr.unassessed} />
        <CostCharts services={services} />
      </CardBody>
    </Card>
  );
});

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Every service against every environment, for team leads: one row per service, grouped
 * by team or system, with counts by state, search, filters, ordering, charts and a CSV
 * export of what is shown. Each step is memoised on its inputs and only one page of rows
 * is rendered, so 10,000 services stay responsive.
 */
export function ServiceOverview({ overview }: { overview: DeliveryOverview }) {
  const [filters, setFilters] = useState<MatrixFilters>({});
  const [order, setOrder] = useState<SortOrder>('name');
  const [grouping, setGrouping] = useState<Grouping>('owner');
  const [offset, setOffset] = useState(0);
  const [pageSize, setPageSize] = useState(50);
  // Typing stays fluid: the search filters the matrix in a render React may interrupt.
  const deferredFilters = useDeferredValue(filters);

  const matrix = useMemo(() => buildServiceMatrix(overview), [overview]);
  // Joined by entity ref: the overview itself stays incremental and DORA-free.
  const dora = useDoraSummary();
  const drSite = useMemo(() => drSiteName(overview), [overview]);
  const options = useMemo(
    () => ({
      owners: distinctValues(matrix.services, service => service.owner),
      tiers: distinctValues(matrix.services, service => service.tier),
    }),
    [matrix],
  );
  const shown = useMemo(
    () => filterServices(matrix.services, deferredFilters),
    [matrix, deferredFilters],
  );
  const sorted = useMemo(
    () => sortServices(shown, order, grouping),
    [shown, order, grouping],
  );
  const sizes = useMemo(() => groupSizes(sorted, grouping), [sorted, grouping]);
  // A filter that shrinks the list past this page shows its last page.
  const pageOffset =
    offset < sorted.length
      ? offset
      : Math.max(0, Math.floor((sorted.length - 1) / pageSize) * pageSize);
  const items = useMemo(
    () => pageItems(sorted, grouping, sizes, pageOffset, pageSize),
    [sorted, grouping, sizes, pageOffset, pageSize],
  );
  const counts = useMemo(() => countByState(shown), [shown]);
  const now = Date.parse(overview.generatedAt);

  const changeFilters = (next: MatrixFilters) => {
    setFilters(next);
    setOffset(0);
  };

  if (matrix.services.length === 0) {
    return (
      <Card>
        <CardHeader>
          <Text variant="title-small">Services</Text>
        </CardHeader>
        <CardBody>
          <EmptyState
            missing="data"
            title="No services with workloads"
            description="Components appear here once they carry the backstage.io/kubernetes-id annotation and a cluster is connected."
          />
        </CardBody>
      </Card>
    );
  }

  const exportCsv = () =>
    download(
      'delivery-overview.csv',
      overviewCsv(sorted.flatMap(service => service.rows)),
    );

  return (
    <Flex direction="column" gap="4">
      <Header
        title={`Services (${shown.length} of ${matrix.services.length})`}
        description="Each service against each environment: version, ready replicas, state and the last change; DR readiness, cost, production deploys a week and change failure rate once per service."
        customActions={
          <Button variant="secondary" onPress={exportCsv}>
            Export CSV
          </Button>
        }
      />
      <Card>
        <CardBody>
          <Flex direction="column" gap="4">
            <StateCounts counts={counts} />
            <MatrixControls
              filters={filters}
              onFiltersChange={changeFilters}
              owners={options.owners}
              tiers={options.tiers}
              order={order}
              onOrderChange={next => {
                setOrder(next);
                setOffset(0);
              }}
              grouping={grouping}
              onGroupingChange={next => {
                setGrouping(next);
                setOffset(0);
              }}
            />
            <MatrixTable
              items={items}
              environments={matrix.environments}
              grouping={grouping}
              now={now}
              drSite={drSite}
              dora={dora}
              pagination={{
                offset: pageOffset,
                pageSize,
                totalCount: sorted.length,
                onOffsetChange: setOffset,
                onPageSizeChange: size => {
                  setPageSize(size);
                  setOffset(0);
                },
              }}
            />
          </Flex>
        </CardBody>
      </Card>
      <OverviewCharts services={shown} />
    </Flex>
  );
}
