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
