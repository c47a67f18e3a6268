import { describe, expect, it } from 'vitest';
import { parseRoleGroups, roleFromGroups } from './directoryRoles.js';

const mapping = {
  admin: ['cn=support-admins,ou=groups,dc=vendor,dc=test'],
  agent: ['cn=support,ou=groups,dc=vendor,dc=test', 'cn=duty,ou=groups,dc=vendor,dc=test'],
  partner: ['cn=partners,ou=groups,dc=vendor,dc=test'],
};

describe('roles from directory groups', () => {
  it('gives the most trusted role a person qualifies for', () => {
    expect(roleFromGroups(['cn=partners,ou=groups,dc=vendor,dc=test'], mapping)).toBe('partner');
    expect(
      roleFromGroups(
        ['cn=partners,ou=groups,dc=vendor,dc=test', 'CN=Duty, OU=groups, DC=vendor, DC=test'],
        mapping,
      ),
    ).toBe('agent');
    expect(
      roleFromGroups(
        ['cn=support-admins,ou=groups,dc=vendor,dc=test', 'cn=support,ou=groups,dc=vendor,dc=test'],
        mapping,
      ),
    ).toBe('admin');
  });

  it('gives no role to someone outside every mapped group', () => {
    expect(roleFromGroups(['cn=accounting,ou=groups,dc=vendor,dc=test'], mapping)).toBeNull();
    expect(roleFromGroups([], mapping)).toBeNull();
  });

  it('reads the mapping as an operator writes it, and refuses a malformed one', () => {
    expect(parseRoleGroups('admin=cn=a,dc=x; agent=cn=b,dc=x|cn=c,dc=x')).toEqual({
      admin: ['cn=a,dc=x'],
      agent: ['cn=b,dc=x', 'cn=c,dc=x'],
    });
    expect(parseRoleGroups('boss=cn=a')).toBeNull();
    expect(parseRoleGroups('admin=')).toBeNull();
    expect(parseRoleGroups('')).toBeNull();
  });
});
