import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PERMISSIONS, ROLE_PERMISSIONS, STAFF_ROLES, hasPermission, type Permission } from './roles.js';

describe('role → permission table', () => {
  it('names only known permissions', () => {
    for (const role of STAFF_ROLES) for (const p of ROLE_PERMISSIONS[role]) assert.ok(PERMISSIONS.includes(p));
  });
  it('keeps the audit trail and staff management with the admin', () => {
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'audit:read')), ['admin']);
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'user:manage')), ['admin']);
  });
  it('keeps body measurements with clinicians', () => {
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'measurement:write')), ['physician', 'nurse']);
  });
  it('lets clinicians run the clinical rules, and only them', () => {
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'rules:evaluate')), ['physician', 'nurse']);
  });
  it('lets everyone read protocols; the admin and physicians change them', () => {
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'protocol:read')), ['admin', 'physician', 'nurse', 'front_desk']);
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'protocol:manage')), ['admin', 'physician']);
  });
  it('keeps rule settings from the front desk; nurses read them, the admin and physicians change them', () => {
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'settings:read')), ['admin', 'physician', 'nurse']);
    assert.deepEqual(STAFF_ROLES.filter((r) => hasPermission(r, 'settings:manage')), ['admin', 'physician']);
  });
  it('patient journey: clinicians read charts and write intakes and entries; physicians sign', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => hasPermission(r, p));
    assert.deepEqual(holders('chart:read'), ['physician', 'nurse']);
    assert.deepEqual(holders('intake:write'), ['physician', 'nurse']);
    assert.deepEqual(holders('chart:write'), ['physician', 'nurse']);
    assert.deepEqual(holders('qualification:sign'), ['physician']);
    assert.deepEqual(holders('plan:sign'), ['physician']);
    assert.deepEqual(holders('chart:cosign'), ['physician']);
  });
  it('everyone reads the schedule; the admin does not move sessions; only the admin manages devices', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => hasPermission(r, p));
    assert.deepEqual(holders('schedule:read'), ['admin', 'physician', 'nurse', 'front_desk']);
    assert.deepEqual(holders('schedule:write'), ['physician', 'nurse', 'front_desk']);
    assert.deepEqual(holders('device:manage'), ['admin']);
  });
  it('controlled-substance ledger: clinicians record, the admin and physicians manage, the front desk has no access', () => {
    const holders = (p: Permission) => STAFF_ROLES.filter((r) => hasPermission(r, p));
    assert.deepEqual(holders('ledger:read'), ['admin', 'physician', 'nurse']);
    assert.deepEqual(holders('ledger:write'), ['physician', 'nurse']);
    assert.deepEqual(holders('ledger:manage'), ['admin', 'physician']);
    assert.deepEqual(holders('ledger:report'), ['admin', 'physician', 'nurse']);
    assert.ok(!PERMISSIONS.filter((p) => p.startsWith('ledger:')).some((p) => hasPermission('front_desk', p)));
  });
});
