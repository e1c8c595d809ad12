import { hasDatabase } from './database';

describe('hasDatabase', () => {
  it('is true when the service depends on a catalog Resource', () => {
    expect(
      hasDatabase({ spec: { dependsOn: ['resource:default/payments-db'] } }),
    ).toBe(true);
    expect(
      hasDatabase({ spec: { dependsOn: ['component:default/auth'] } }),
    ).toBe(false);
    expect(hasDatabase({ spec: {} })).toBe(false);
    expect(hasDatabase({})).toBe(false);
  });
});
