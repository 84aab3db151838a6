import { describe, expect, test } from 'vitest';
import { callTypeLabel, HungUpSideLabel } from './call.ts';
import { currentStateLabel, deskEndStatusLabel, FromAccountRoleLabel } from './desk.ts';
import { EndStatusTable, endStatusByCode, endStatusByName } from './end-status.ts';

describe('EndStatus table', () => {
  test('code and string lookups agree for every coded row', () => {
    for (const entry of EndStatusTable.filter((e) => e.code !== null)) {
      expect(endStatusByName(entry.name)).toBe(entry);
      expect(endStatusByCode(entry.code)).toBe(entry);
    }
    expect(EndStatusTable.filter((e) => e.code !== null)).toHaveLength(45);
  });

  test('push-only strings have no code; unknown values stay unknown', () => {
    expect(endStatusByName('seatForward')).toMatchObject({
      code: null,
      meaning: 'Agent transferred the call',
    });
    expect(endStatusByName('blocklist')?.code).toBe(100);
    expect(endStatusByName('somethingNew')).toBeUndefined();
    expect(endStatusByCode(214)).toBeUndefined();
  });
});

describe('labels', () => {
  test('known and unknown values', () => {
    expect(callTypeLabel(2)).toBe('Inbound call');
    expect(callTypeLabel(9)).toBe('Call type 9');
    expect(HungUpSideLabel.seat).toBe('Agent');
    expect(deskEndStatusLabel('UserTimeout')).toBe('Customer reply timed out');
    expect(deskEndStatusLabel('NewStatus')).toBe('NewStatus');
    expect(currentStateLabel('Queuing')).toBe('Queued for an agent');
    expect(currentStateLabel('')).toBe('Not in session');
    expect(FromAccountRoleLabel[2]).toBe('Agent');
  });
});
