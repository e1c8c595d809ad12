import {
  Flex,
  SearchField,
  Select,
  ToggleButton,
  ToggleButtonGroup,
} from '@backstage/ui';
import { BUDGET_STATUS_WORDS } from '../CostCard/BudgetStatusChip';
import { STATE_WORDS } from '../RolloutCard/RolloutState';
import { groupName } from './costGroups';
import {
  GROUPINGS,
  Grouping,
  MatrixFilters,
  SORT_ORDERS,
  SortOrder,
} from './matrixQuery';
import { STATE_ORDER } from './StateCounts';

const ALL = 'all';

const BUDGET_OPTIONS = [
  ...Object.entries(BUDGET_STATUS_WORDS).map(([id, label]) => ({ id, label })),
  { id: 'unpriced', label: 'Not priced yet' },
];

/** The values a filter offers, "all" first. */
function withAll(options: Array<{ id: string; label: string }>) {
  return [{ id: ALL, label: 'All' }, ...options];
}

/** One filter as a select whose "all" clears it. */
function FilterSelect<K extends keyof MatrixFilters>(props: {
  label: string;
  field: K;
  options: Array<{ id: string; label: string }>;
  filters: MatrixFilters;
  onChange: (filters: MatrixFilters) => void;
  searchable?: boolean;
}) {
  const { label, field, options, filters, onChange, searchable } = props;
  return (
    <div style={{ width: 170 }}>
      <Select
        label={label}
        options={withAll(options)}
        selectedKey={(filters[field] as string | undefined) ?? ALL}
        search={
          searchable
            ? { placeholder: `Find ${label.toLocaleLowerCase('en-US')}` }
            : undefined
        }
        onSelectionChange={key =>
          onChange({
            ...filters,
            [field]: key === ALL || key === null ? undefined : String(key),
          })
        }
      />
    </div>
  );
}

/**
 * Search, filters, order and grouping of the matrix. The filter values come from
 * the whole overview, so a filter never offers a value that matches nothing.
 */
export function MatrixControls(props: {
  filters: MatrixFilters;
  onFiltersChange: (filters: MatrixFilters) => void;
  owners: string[];
  tiers: string[];
  order: SortOrder;
  onOrderChange: (order: SortOrder) => void;
  grouping: Grouping;
  onGroupingChange: (grouping: Grouping) => void;
}) {
  const { filters, onFiltersChange, owners, tiers } = props;
  const common = { filters, onChange: onFiltersChange };
  return (
    <Flex direction="column" gap="3">
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <SearchField
          label="Search"
          aria-label="search services"
          placeholder="Name, owner or system"
          value={filters.search ?? ''}
          onChange={search =>
            onFiltersChange({ ...filters, search: search || undefined })
          }
          style={{ minWidth: 240 }}
        />
        <FilterSelect
          {...common}
          label="State"
          field="state"
          options={STATE_ORDER.map(id => ({ id, label: STATE_WORDS[id] }))}
        />
        <FilterSelect
          {...common}
          label="Owner"
          field="owner"
          searchable
          options={owners.map(id => ({ id, label: groupName(id, 'owner') }))}
        />
        <FilterSelect
          {...common}
          label="Tier"
          field="tier"
          options={tiers.map(id => ({ id, label: id }))}
        />
        <FilterSelect
          {...common}
          label="Budget"
          field="budget"
          options={BUDGET_OPTIONS}
        />
      </Flex>
      <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
        <div style={{ width: 240 }}>
          <Select
            label="Sort by"
            options={Object.entries(SORT_ORDERS).map(([id, label]) => ({
              id,
              label,
            }))}
            selectedKey={props.order}
            onSelectionChange={key =>
              key && props.onOrderChange(key as SortOrder)
            }
            style={{ minWidth: 220 }}
          />
        </div>
        <ToggleButtonGroup
          aria-label="group by"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[props.grouping]}
          onSelectionChange={keys => {
            const [key] = [...keys];
            if (key) props.onGroupingChange(key as Grouping);
          }}
        >
          {Object.entries(GROUPINGS).map(([id, label]) => (
            <ToggleButton key={id} id={id}>
              {`By ${label.toLocaleLowerCase('en-US')}`}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Flex>
    </Flex>
  );
}
