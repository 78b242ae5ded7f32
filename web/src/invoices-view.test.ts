import { describe, expect, it } from 'vitest';
import {
  invoiceTag,
  invoicesApiPath,
  periodWords,
  reasonProblem,
  recordBody,
  toleranceWords,
  unitsWords,
  uploadErrorModel,
  type RecordInput,
} from './invoices-view';

const filled: RecordInput = {
  provider: ' Acorn Home Care ',
  personId: '01JD00000000000000000PER51',
  invoiceNumber: 'INV-1',
  from: { day: '23', month: '11', year: '2026' },
  to: { day: '29', month: '11', year: '2026' },
  units: '10',
  unitPrice: '£20.00',
  total: '200.00',
};

describe('recordBody', () => {
  it('builds the request with ISO dates and pounds without the sign', () => {
    expect(recordBody(filled)).toEqual({
      ok: true,
      body: {
        provider: 'Acorn Home Care',
        person_id: '01JD00000000000000000PER51',
        invoice_number: 'INV-1',
        period_from: '2026-11-23',
        period_to: '2026-11-29',
        units: '10',
        unit_price: '20.00',
        total: '200.00',
      },
    });
  });

  it('names every empty field and an unreal date, in the order of the form', () => {
    const built = recordBody({ ...filled, provider: '', total: ' ', to: { day: '31', month: '11', year: '2026' } });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((e) => e.field)).toEqual(['provider', 'period_to', 'total']);
    expect(built.errors[1]?.message).toBe('The last day the invoice covers must be a real date');
  });
});

describe('reasonProblem', () => {
  it('asks for a reason, and a short one', () => {
    expect(reasonProblem('  ', true)).toMatch(/paid despite/);
    expect(reasonProblem('', false)).toMatch(/rejected/);
    expect(reasonProblem('x'.repeat(1001), true)).toMatch(/1,000/);
    expect(reasonProblem('Agreed by phone', true)).toBeNull();
  });
});

describe('words', () => {
  it('tags each status', () => {
    expect(invoiceTag('held')).toEqual({ text: 'Held', modifier: 'govuk-tag--orange' });
    expect(invoiceTag('matched').modifier).toBe('govuk-tag--green');
    expect(invoiceTag('rejected').text).toBe('Rejected');
  });

  it('says periods, units and the tolerance in words', () => {
    expect(periodWords('2026-11-23', '2026-11-29')).toBe('23 November 2026 to 29 November 2026');
    expect(periodWords('2026-11-23', '2026-11-23')).toBe('23 November 2026');
    expect(unitsWords({ units: '10', unit: 'hour', unit_price: '£20.00' })).toBe('10 hours at £20.00');
    expect(unitsWords({ units: '1', unit: 'visit', unit_price: '£30.00' })).toBe('1 visit at £30.00');
    expect(unitsWords({ units: '2', unit: null, unit_price: '£30.00' })).toBe('2 × £30.00');
    expect(toleranceWords(200, 0)).toBe('An invoice is held when its price is more than 2% of the expected amount away from the plan’s.');
    expect(toleranceWords(250, 500)).toMatch(/2\.5% .* at least £5\.00/);
  });

  it('escapes ids in addresses', () => {
    expect(invoicesApiPath.approve('a/b')).toBe('/api/invoices/a%2Fb/approve');
  });
});

describe('uploadErrorModel', () => {
  it('lists the summary and every row, each linking to the file input', () => {
    const model = uploadErrorModel({
      title: 'Check the information you sent',
      detail: 'The file has 2 problems; nothing was recorded.',
      errors: [
        { field: 'rows[3].units', message: 'Row 3: Enter the units' },
        { field: 'rows[4].invoice_number', message: 'Row 4: a duplicate' },
      ],
    });
    expect(model.items).toEqual([
      { text: 'The file has 2 problems; nothing was recorded.', href: '#invoice-file' },
      { text: 'Row 3: Enter the units', href: '#invoice-file' },
      { text: 'Row 4: a duplicate', href: '#invoice-file' },
    ]);
    expect(model.fields.get('invoice-file')).toBe('The file has 2 problems; nothing was recorded.');
  });

  it('shows a whole-file problem alone', () => {
    const model = uploadErrorModel({ title: 'T', detail: 'D', errors: [{ field: 'file', message: 'The file is empty' }] });
    expect(model.items).toEqual([{ text: 'The file is empty', href: '#invoice-file' }]);
  });
});
