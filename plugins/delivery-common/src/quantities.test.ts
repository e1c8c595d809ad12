import { parseQuantity } from './quantities';

describe('parseQuantity', () => {
  it('reads quantities as the API server writes them', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('512Mi')).toBe(536870912);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('32386400Ki')).toBe(32386400 * 1024);
    expect(parseQuantity('123456789n')).toBeCloseTo(0.123456789);
    expect(parseQuantity('1e3')).toBe(1000);
  });

  it('refuses what is not a quantity', () => {
    expect(parseQuantity('')).toBeUndefined();
    expect(parseQuantity('one')).toBeUndefined();
    expect(parseQuantity('1 Gi')).toBeUndefined();
    expect(parseQuantity('1GB')).toBeUndefined();
  });
});
