import { describe, expect, it } from 'vitest';
import { NETWORK_PROBLEM, errorSummaryModel, parseProblem, validationProblem } from './problem';

describe('parseProblem', () => {
  it('reads a validation problem with its field errors', () => {
    const problem = parseProblem(422, {
      type: '/problems/validation',
      title: 'Check the information you sent',
      status: 422,
      detail: 'Check the highlighted fields',
      errors: [
        { field: 'email', message: 'Enter your email address' },
        { field: 'password', message: 'Enter your password' },
      ],
    });
    expect(problem).toEqual({
      status: 422,
      type: '/problems/validation',
      title: 'Check the information you sent',
      detail: 'Check the highlighted fields',
      errors: [
        { field: 'email', message: 'Enter your email address' },
        { field: 'password', message: 'Enter your password' },
      ],
    });
  });

  it('uses the status of the response, not the one in the body', () => {
    expect(parseProblem(403, { status: 200, title: 'x' }).status).toBe(403);
  });

  it.each([
    [undefined],
    [null],
    ['<html>Bad gateway</html>'],
    [42],
    [[]],
  ])('gives a usable problem for a body that is not a problem document (%j)', (body) => {
    const problem = parseProblem(502, body);
    expect(problem).toEqual({
      status: 502,
      type: '',
      title: 'Sorry, there is a problem with the service',
      detail: '',
      errors: [],
    });
  });

  it.each([
    [401, 'Sign in to continue'],
    [403, 'You do not have permission to do that'],
    [404, 'Not found'],
    [429, 'Too many attempts'],
    [500, 'Sorry, there is a problem with the service'],
  ])('gives status %d the title "%s" when the body has none', (status, title) => {
    expect(parseProblem(status, {}).title).toBe(title);
  });

  it('drops field errors with no field or no message, and ones that are not objects', () => {
    const problem = parseProblem(422, {
      errors: [
        { field: 'email' },
        { message: 'No field' },
        'text',
        null,
        { field: ' roles ', message: ' Choose at least one role ' },
      ],
    });
    expect(problem.errors).toEqual([{ field: 'roles', message: 'Choose at least one role' }]);
  });

  it('ignores an errors value that is not a list', () => {
    expect(parseProblem(422, { errors: { email: 'x' } }).errors).toEqual([]);
  });
});

describe('errorSummaryModel', () => {
  const signInFields = { email: 'email', password: 'password' };

  it('links each field error to its field and shows it beside the field', () => {
    const model = errorSummaryModel(
      parseProblem(422, {
        errors: [
          { field: 'email', message: 'Enter your email address' },
          { field: 'password', message: 'Enter your password' },
        ],
      }),
      signInFields,
    );
    expect(model.items).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter your password', href: '#password' },
    ]);
    expect([...model.fields]).toEqual([
      ['email', 'Enter your email address'],
      ['password', 'Enter your password'],
    ]);
  });

  it('maps the server field name to the element id', () => {
    const model = errorSummaryModel(
      validationProblem([{ field: 'new_password', message: 'Too short' }]),
      { current_password: 'current-password', new_password: 'new-password' },
    );
    expect(model.items).toEqual([{ text: 'Too short', href: '#new-password' }]);
    expect(model.fields.get('new-password')).toBe('Too short');
  });

  it('shows only the first message for a field', () => {
    const model = errorSummaryModel(
      validationProblem([
        { field: 'roles', message: "'x' is not a role" },
        { field: 'roles', message: 'Choose at least one role' },
      ]),
      { roles: 'roles' },
    );
    expect(model.items).toEqual([{ text: "'x' is not a role", href: '#roles' }]);
    expect(model.fields.size).toBe(1);
  });

  it('lists an error for a field the form does not have as plain text, not beside any field', () => {
    const message = 'This link has expired or has already been used.';
    const model = errorSummaryModel(
      parseProblem(422, { detail: message, errors: [{ field: 'token', message }] }),
      { password: 'password' },
    );
    expect(model.items).toEqual([{ text: message }]);
    expect(model.fields.size).toBe(0);
  });

  it('does not repeat the same message for unknown fields', () => {
    const model = errorSummaryModel(
      validationProblem([
        { field: 'a', message: 'Same' },
        { field: 'b', message: 'Same' },
      ]),
      {},
    );
    expect(model.items).toEqual([{ text: 'Same' }]);
  });

  it('shows the detail of a problem without field errors, linked where asked', () => {
    const detail = 'Enter a correct email address and password.';
    const problem = parseProblem(401, { title: 'Sign in to continue', detail });
    expect(errorSummaryModel(problem, signInFields).items).toEqual([{ text: detail }]);
    expect(errorSummaryModel(problem, signInFields, { linkOtherProblemsTo: 'email' })).toEqual({
      items: [{ text: detail, href: '#email' }],
      fields: new Map(),
    });
  });

  it('falls back to the title when there is no detail', () => {
    expect(errorSummaryModel(parseProblem(429, {}), signInFields).items).toEqual([{ text: 'Too many attempts' }]);
  });

  it('explains a network failure', () => {
    expect(errorSummaryModel(NETWORK_PROBLEM, signInFields).items).toEqual([
      { text: 'Check your internet connection, then try again.' },
    ]);
  });

  it('is not fooled by field names that are Object properties', () => {
    const model = errorSummaryModel(validationProblem([{ field: 'constructor', message: 'Odd' }]), signInFields);
    expect(model.items).toEqual([{ text: 'Odd' }]);
  });
});
