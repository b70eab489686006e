import { describe, expect, it } from '@jest/globals';
import { addLocalDays, addLocalMonths, PERIOD_PRESETS, presetOf } from './period';

describe('periods', () => {
  it('moves calendar days across months and years', () => {
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addLocalDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('moves months to the last day of a shorter month', () => {
    expect(addLocalMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addLocalMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addLocalMonths('2026-12-03', -12)).toBe('2025-12-03');
  });

  it('defaults to the twelve months ending today, both ends counted', () => {
    expect(PERIOD_PRESETS[0]!.period('2026-12-03')).toEqual({ from: '2025-12-04', to: '2026-12-03' });
    expect(PERIOD_PRESETS.find((preset) => preset.id === 'last-30-days')!.period('2026-12-03')).toEqual({ from: '2026-11-04', to: '2026-12-03' });
    expect(PERIOD_PRESETS.find((preset) => preset.id === 'this-year')!.period('2026-12-03')).toEqual({ from: '2026-01-01', to: '2026-12-03' });
  });

  it('recognises a preset, and a period of its own', () => {
    expect(presetOf({ from: '2026-01-01', to: '2026-12-03' }, '2026-12-03')?.id).toBe('this-year');
    expect(presetOf({ from: '2026-01-02', to: '2026-12-03' }, '2026-12-03')).toBeNull();
  });
});
