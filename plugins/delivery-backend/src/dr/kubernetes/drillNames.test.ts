import { drillName } from './drillNames';

describe('drillName', () => {
  it('names a drill object after its base and drill id', () => {
    expect(drillName('orders-db', '20261124-0915')).toBe(
      'orders-db-drill-20261124-0915',
    );
    expect(drillName(undefined, 'a1b2')).toBe('drill-a1b2');
  });

  it('keeps long names within 63 characters and tells drills apart by a hash', () => {
    const base = 'propertyos-maintenance-service-db';
    const a = drillName(base, '3f2b8a4e-9c1d-4e5f-8a7b-6c5d4e3f2a1b');
    const b = drillName(base, '3f2b8a4e-9c1d-4e5f-8a7b-6c5d4e3f2a1c');
    expect(a.length).toBeLessThanOrEqual(63);
    expect(a).toMatch(
      /^propertyos-maintenance-service-db-drill-[a-z0-9-]*[a-z0-9]$/,
    );
    expect(a).not.toBe(b);
  });

  it('turns a drill id into a valid label, and refuses one without letters or digits', () => {
    const name = drillName('orders', 'Drill_7');
    expect(name).toMatch(/^orders-drill-drill-7-[0-9a-f]{8}$/);
    expect(drillName('orders', 'Drill_7')).toBe(name);
    expect(() => drillName('orders', '--')).toThrow(/drillId: "--"/);
  });
});
