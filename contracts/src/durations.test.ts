import { durationToMs } from './durations';

describe('durationToMs', () => {
  it('reads every unit the workflows were configured with, alone or combined', () => {
    expect(durationToMs('30 days')).toBe(30 * 86_400_000);
    expect(durationToMs('5s')).toBe(5000);
    expect(durationToMs('1.5h')).toBe(5_400_000);
    expect(durationToMs('1 day 2h')).toBe(86_400_000 + 7_200_000);
    expect(durationToMs('2 Weeks')).toBe(2 * 604_800_000);
    expect(durationToMs('250 msec')).toBe(250);
    expect(durationToMs('1500')).toBe(1500);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'soon', '5 fortnights', '-5s', '5s!']) expect(() => durationToMs(text)).toThrow(/is not a duration/);
  });
});
