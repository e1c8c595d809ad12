import { selectsLabels } from './selectsLabels';

const labels = { 'app.kubernetes.io/name': 'orders', tier: 'api' };

describe('selectsLabels', () => {
  it('selects by matchLabels and matchExpressions as the API server does', () => {
    expect(
      selectsLabels(
        { matchLabels: { 'app.kubernetes.io/name': 'orders' } },
        labels,
      ),
    ).toBe(true);
    expect(
      selectsLabels(
        { matchLabels: { 'app.kubernetes.io/name': 'billing' } },
        labels,
      ),
    ).toBe(false);
    const expression = (operator: string, values?: string[]) => ({
      matchLabels: {},
      matchExpressions: [{ key: 'tier', operator, values }],
    });
    expect(selectsLabels(expression('In', ['api', 'web']), labels)).toBe(true);
    expect(selectsLabels(expression('In', ['web']), labels)).toBe(false);
    expect(selectsLabels(expression('NotIn', ['api']), labels)).toBe(false);
    expect(selectsLabels(expression('Exists'), labels)).toBe(true);
    expect(selectsLabels(expression('DoesNotExist'), labels)).toBe(false);
  });

  it('selects everything with an empty selector and nothing without one', () => {
    expect(selectsLabels({ matchLabels: {} }, labels)).toBe(true);
    expect(selectsLabels(undefined, labels)).toBe(false);
  });
});
