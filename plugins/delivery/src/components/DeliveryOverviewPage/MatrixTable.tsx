import { Cell, Column, ColumnConfig, Row, Table, Text } from '@backstage/ui';
import { OverviewRow } from '@internal/backstage-plugin-delivery-common';
import { useMemo } from 'react';
import { DoraColumnsData } from '../../hooks/useDoraSummary';
import { groupName } from './costGroups';
import { ProductionDoraCell, TeamDoraCell } from './DoraCells';
import { EnvironmentCell } from './EnvironmentCell';
import {
  CostCell,
  DrReadinessCell,
  ServiceNameCell,
  Tokens,
} from './MatrixCells';
import { Grouping, MatrixItem, UNGROUPED } from './matrixQuery';

type ServiceItem = Extract<MatrixItem, { kind: 'service' }>;

/**
 * A header that may wrap at its spaces ("DR / readiness"): the kit's header label keeps
 * one line and cuts it with an ellipsis, which would hide the words of a narrow column.
 */
function wrappingHeader(id: string, label: string, minWidth: number) {
  return () => (
    <Column id={id} width="1fr" minWidth={minWidth}>
      <span style={{ whiteSpace: 'normal', overflowWrap: 'normal' }}>
        {label}
      </span>
    </Column>
  );
}

export const PAGE_SIZES = [25, 50, 100];

/**
 * The table's columns. The table lays out at a fixed width, so every column has a
 * minimum wide enough for its longest usual token (a service name, "experimental",
 * "Progressing"); lines of several tokens wrap between them; past the page's width the
 * table scrolls sideways instead of breaking a word.
 */
function columnsFor(
  environments: string[],
  now: number,
  drSite: (row: OverviewRow) => string,
  dora: DoraColumnsData,
): ColumnConfig<ServiceItem>[] {
  return [
    {
      id: 'service',
      label: 'Service',
      isRowHeader: true,
      width: '2fr',
      minWidth: 265,
      cell: ({ service }) => (
        <Cell>
          <ServiceNameCell service={service} />
        </Cell>
      ),
    },
    ...environments.map(
      (environment): ColumnConfig<ServiceItem> => ({
        id: `env:${environment}`,
        label: environment,
        width: '2fr',
        minWidth: 200,
        cell: ({ service }) => (
          <Cell>
            <EnvironmentCell
              environment={environment}
              placements={service.environments[environment]}
              now={now}
              drSite={drSite}
            />
          </Cell>
        ),
      }),
    ),
    {
      id: 'dr',
      label: 'DR readiness',
      width: '1fr',
      minWidth: 112,
      header: wrappingHeader('dr', 'DR readiness', 112),
      cell: ({ service }) => (
        <Cell>
          <DrReadinessCell service={service} />
        </Cell>
      ),
    },
    {
      id: 'cost',
      label: 'Cost / month',
      width: '1fr',
      minWidth: 105,
      header: wrappingHeader('cost', 'Cost / month', 105),
      cell: ({ service }) => (
        <Cell>
          <CostCell service={service} />
        </Cell>
      ),
    },
    {
      id: 'dora',
      label: 'Production DORA',
      width: '1fr',
      minWidth: 125,
      header: wrappingHeader('dora', 'Production DORA', 125),
      cell: ({ service }) => (
        <Cell>
          <ProductionDoraCell dora={dora} entityRef={service.entityRef} />
        </Cell>
      ),
    },
  ];
}

/** The heading row of a group: its name and size in the first column. */
function GroupHeading(props: {
  item: Extract<MatrixItem, { kind: 'group' }>;
  grouping: Grouping;
}) {
  const { item, grouping } = props;
  const name =
    item.name === UNGROUPED[grouping]
      ? item.name
      : groupName(item.name, grouping);
  return (
    <Text weight="bold">
      <Tokens>{[name, `(${item.size})`, item.continued && 'continued']}</Tokens>
    </Text>
  );
}

/**
 * One page of the service × environment matrix, with a heading row before each group.
 * Only the page's rows are rendered, so the size of the catalog does not matter here.
 */
export function MatrixTable(props: {
  items: MatrixItem[];
  environments: string[];
  grouping: Grouping;
  now: number;
  drSite: (row: OverviewRow) => string;
  /** Production DORA metrics by service, from `/dora/summary`. */
  dora: DoraColumnsData;
  pagination: {
    offset: number;
    pageSize: number;
    totalCount: number;
    onOffsetChange: (offset: number) => void;
    onPageSizeChange: (size: number) => void;
  };
}) {
  const { items, environments, grouping, now, drSite, dora, pagination } =
    props;
  // The same columns while nothing they show changed: new columns rebuild every row.
  const columns = useMemo(
    () => columnsFor(environments, now, drSite, dora),
    [environments, now, drSite, dora],
  );
  const { offset, pageSize, totalCount } = pagination;
  return (
    <Table<MatrixItem>
      columnConfig={columns as unknown as ColumnConfig<MatrixItem>[]}
      data={items}
      emptyState={<Text>No service matches the search and filters.</Text>}
      rowConfig={({ item }) =>
        item.kind === 'group' ? (
          <Row id={item.id} columns={columns}>
            {column => (
              <Cell>
                {column.id === 'service' && (
                  <GroupHeading item={item} grouping={grouping} />
                )}
                {column.id === 'dora' && grouping === 'owner' && (
                  <TeamDoraCell dora={dora} owner={item.name} />
                )}
              </Cell>
            )}
          </Row>
        ) : (
          <Row id={item.id} columns={columns}>
            {column => column.cell(item)}
          </Row>
        )
      }
      pagination={{
        type: 'page',
        offset,
        pageSize,
        totalCount,
        pageSizeOptions: PAGE_SIZES,
        hasPreviousPage: offset > 0,
        hasNextPage: offset + pageSize < totalCount,
        onPreviousPage: () =>
          pagination.onOffsetChange(Math.max(0, offset - pageSize)),
        onNextPage: () => pagination.onOffsetChange(offset + pageSize),
        onPageSizeChange: pagination.onPageSizeChange,
        getLabel: () =>
          `${offset + 1}–${Math.min(
            offset + pageSize,
            totalCount,
          )} of ${totalCount} services`,
      }}
    />
  );
}
