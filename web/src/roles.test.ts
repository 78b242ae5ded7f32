import { describe, expect, it } from 'vitest';
import { ROLES, hasRole, roleTitle, roleTitles, userStatus } from './roles';

describe('roles', () => {
  it('names every role the server knows, once each', () => {
    // The server's list, as its error message gives it.
    const server = [
      'budget-holder', 'representative', 'support-planner', 'assessor', 'approver',
      'finance-officer', 'commissioner', 'safeguarding-lead', 'analyst', 'administrator', 'auditor',
    ];
    expect(ROLES.map((r) => r.name)).toEqual(server);
    for (const role of ROLES) {
      expect(role.title).not.toBe('');
      expect(role.title).not.toMatch(/-/);
      expect(role.hint).not.toBe('');
    }
  });

  it.each([
    ['budget-holder', 'Budget holder'],
    ['assessor', 'Assessor or social worker'],
    ['approver', 'Approver or panel member'],
    ['finance-officer', 'Finance officer'],
    ['safeguarding-lead', 'Safeguarding lead'],
    ['analyst', 'Analyst or researcher'],
    ['administrator', 'Administrator'],
    ['auditor', 'Auditor'],
    ['operator', 'Server operator'],
    ['something-new', 'something-new'],
  ])('calls %s "%s"', (name, title) => {
    expect(roleTitle(name)).toBe(title);
  });

  it('lists titles in the order of ROLES, from a list or the audit log’s comma-separated text', () => {
    expect(roleTitles(['auditor', 'administrator'])).toEqual(['Administrator', 'Auditor']);
    expect(roleTitles('analyst,auditor')).toEqual(['Analyst or researcher', 'Auditor']);
    expect(roleTitles('auditor, analyst,,auditor')).toEqual(['Analyst or researcher', 'Auditor']);
    expect(roleTitles('zeta,assessor,operator')).toEqual(['Assessor or social worker', 'zeta', 'Server operator']);
    expect(roleTitles('')).toEqual([]);
  });

  it('hasRole', () => {
    expect(hasRole(['administrator'], 'administrator')).toBe(true);
    expect(hasRole(['administrator'], 'auditor')).toBe(false);
  });
});

describe('userStatus', () => {
  it.each([
    [{ disabled: false, has_password: true }, 'active', 'Active'],
    [{ disabled: false, has_password: false }, 'no-password', 'No password yet'],
    [{ disabled: true, has_password: true }, 'turned-off', 'Turned off'],
    [{ disabled: true, has_password: false }, 'turned-off', 'Turned off'],
  ])('%j is %s', (user, key, text) => {
    expect(userStatus(user)).toMatchObject({ key, text });
  });
});
