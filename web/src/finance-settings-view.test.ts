import { describe, expect, test } from 'vitest';
import { percentText, readSettingsForm, settingsForm } from './finance-settings-view';

const settings = {
  approval_threshold_pence: 5000000,
  invoice_tolerance_basis_points: 250,
  invoice_tolerance_minimum_pence: 500,
  payment_run_every_days: 7,
};

describe('settingsForm', () => {
  test('shows pounds without the £ the box has beside it, and basis points as a percentage', () => {
    expect(settingsForm(settings)).toEqual({ every: '7', threshold: '50,000.00', percent: '2.5', minimum: '5.00' });
  });

  test('percentages', () => {
    expect(percentText(200)).toBe('2');
    expect(percentText(5)).toBe('0.05');
    expect(percentText(0)).toBe('0');
    expect(percentText(10000)).toBe('100');
  });
});

describe('readSettingsForm', () => {
  test('reads back what it showed', () => {
    expect(readSettingsForm(settingsForm(settings))).toEqual({ body: settings });
    expect(readSettingsForm({ every: ' 28 ', threshold: '£1,000', percent: '2%', minimum: '0' })).toEqual({
      body: { payment_run_every_days: 28, approval_threshold_pence: 100000, invoice_tolerance_basis_points: 200, invoice_tolerance_minimum_pence: 0 },
    });
  });

  test('names every field that is wrong', () => {
    const read = readSettingsForm({ every: 'weekly', threshold: '', percent: '2.555', minimum: '12.555' });
    expect('problems' in read && read.problems.map((p) => p.field)).toEqual([
      'payment_run_every_days', 'approval_threshold_pence', 'invoice_tolerance_basis_points', 'invoice_tolerance_minimum_pence',
    ]);
  });
});
