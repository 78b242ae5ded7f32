import { describe, expect, it } from 'vitest';
import { auditApiPath, auditFilters, auditRow, formatTimestamp, isFiltered, type AuditEntry } from './audit-view';

describe('auditFilters and auditApiPath', () => {
  it('reads and trims the filters, and leaves empty ones out of the API query', () => {
    const filters = auditFilters(new URLSearchParams('action=+users.create+&actor=&person=P1&other=x'));
    expect(filters).toEqual({ action: 'users.create', actor: '', person: 'P1' });
    expect(isFiltered(filters)).toBe(true);
    expect(auditApiPath('01COUNCIL', filters)).toBe('/api/councils/01COUNCIL/audit?action=users.create&person=P1&limit=100');
  });

  it('asks for everything when nothing is filtered', () => {
    const filters = auditFilters(new URLSearchParams(''));
    expect(isFiltered(filters)).toBe(false);
    expect(auditApiPath('C', filters, 5)).toBe('/api/councils/C/audit?limit=5');
  });

  it('encodes what was typed', () => {
    const path = auditApiPath('C', { action: 'a&b=c', actor: '', person: '' });
    expect(new URL(path, 'http://x').searchParams.get('action')).toBe('a&b=c');
  });
});

describe('formatTimestamp', () => {
  it('shows UK time, in winter and in summer', () => {
    expect(formatTimestamp('2026-11-23T00:43:22.516Z')).toBe('23 Nov 2026, 00:43:22');
    expect(formatTimestamp('2026-06-01T12:00:00Z')).toBe('1 Jun 2026, 13:00:00');
  });

  it('returns text that is not a time as it is', () => {
    expect(formatTimestamp('not a time')).toBe('not a time');
  });
});

describe('auditRow', () => {
  const entry: AuditEntry = {
    seq: 7,
    at: '2026-11-23T00:43:10.819Z',
    actor_user_id: '01ADMIN',
    actor_roles: 'administrator',
    action: 'users.create',
    resource_type: 'user',
    resource_id: '01BOB',
    subject_person_id: '',
    request_id: 'r1',
    outcome: 'allowed',
    summary: 'added a user with roles assessor',
  };

  it('turns an entry into plain words', () => {
    expect(auditRow(entry, '01SOMEONE')).toEqual({
      seq: 7,
      at: '2026-11-23T00:43:10.819Z',
      time: '23 Nov 2026, 00:43:10',
      who: '01ADMIN',
      actorId: '01ADMIN',
      roles: 'Administrator',
      action: 'users.create',
      what: 'User 01BOB',
      resourceType: 'User',
      resourceId: '01BOB',
      outcome: 'Allowed',
      outcomeTagClass: 'govuk-tag--green',
      summary: 'added a user with roles assessor',
    });
  });

  it('calls the person looking "You", and the command line the server operator', () => {
    expect(auditRow(entry, '01ADMIN').who).toBe('You');
    const cli = auditRow({ ...entry, actor_user_id: '', actor_roles: 'operator' }, '01ADMIN');
    expect(cli).toMatchObject({ who: 'Server operator (command line)', actorId: '', roles: 'Server operator' });
  });

  it.each([
    ['denied', 'Refused', 'govuk-tag--red'],
    ['failed', 'Failed', 'govuk-tag--orange'],
    ['odd', 'odd', 'govuk-tag--grey'],
  ])('shows the outcome %s as %s', (outcome, text, tagClass) => {
    expect(auditRow({ ...entry, outcome }, '')).toMatchObject({ outcome: text, outcomeTagClass: tagClass });
  });

  it('lists several roles in plain English', () => {
    expect(auditRow({ ...entry, actor_roles: 'analyst,auditor' }, '').roles).toBe('Analyst or researcher, Auditor');
  });
});
