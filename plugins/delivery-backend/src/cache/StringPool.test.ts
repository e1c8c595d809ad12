import { StringPool } from './StringPool';

describe('StringPool', () => {
  it('answers equal strings with one shared instance, and leaves undefined alone', () => {
    const pool = new StringPool();
    const first = pool.intern(['prop', 'ertyos'].join(''));
    expect(pool.intern('propertyos')).toBe(first);
    expect(pool.intern(undefined)).toBeUndefined();
    expect(pool.size).toBe(1);
  });

  it('forgets everything at its limit instead of growing without bound', () => {
    const pool = new StringPool(3);
    ['a', 'b', 'c'].forEach(s => pool.intern(s));
    expect(pool.size).toBe(3);
    expect(pool.intern('d')).toBe('d');
    expect(pool.size).toBe(1);
  });
});

describe('StringPool.share', () => {
  it('answers values with equal keys with one shared instance, made once', () => {
    const pool = new StringPool();
    const make = jest.fn(() => Object.freeze(['topology.kubernetes.io/zone']));
    const first = pool.share('spread\u0000topology.kubernetes.io/zone', make);
    const second = pool.share('spread\u0000topology.kubernetes.io/zone', make);
    expect(second).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
    expect(pool.share('spread\u0000kubernetes.io/hostname', () => [])).not.toBe(
      first,
    );
  });
});
