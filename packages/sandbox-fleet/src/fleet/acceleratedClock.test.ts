import { ManualClock } from '../__testUtils__/testFleet';
import { acceleratedClock } from './acceleratedClock';

describe('acceleratedClock', () => {
  it('passes time timeScale times as fast as the real clock, from now on', () => {
    const real = new ManualClock();
    const start = real.now();
    const clock = acceleratedClock(10, real);
    expect(clock.now()).toBe(start);
    real.advance(3_000);
    expect(clock.now()).toBe(start + 30_000);
  });

  it('refuses a scale that would stop or reverse time', () => {
    for (const scale of [0, 0.5, -1, NaN])
      expect(() => acceleratedClock(scale)).toThrow(/timeScale/);
  });
});
