import { type DescribeSessionDetailResponse, parseDescribeSessionDetailResponse } from '@ccc-kit/schemas';
import { transferChain } from './records.ts';

const start = 1763632800;

/** An inbound call bounced through 31 agents (30 transfers), held once, with IVR keys and a survey. */
export const thirtyTransfersDetail: DescribeSessionDetailResponse = parseDescribeSessionDetailResponse({
  RequestId: 'req-30',
  Caller: '008613812345678',
  Callee: '00864001234567',
  CallType: 2,
  StartTimeStamp: start,
  QueuedTimestamp: start + 20,
  RingTimestamp: start + 37,
  AcceptTimestamp: start + 40,
  EndedTimestamp: start + 35 + 31 * 60,
  StaffUserId: 'agent30@example.com',
  EndStatus: 1,
  QueuedSkillGroupId: 7,
  QueuedSkillGroupName: 'Support',
  HungUpSide: 'seat',
  UUI: 'crm=8613812345678',
  IVRKeyPressed: [{ Key: '2', Label: 'Support', Timestamp: (start + 10) * 1000 }],
  PostIVRKeyPressed: [{ Key: '5', Label: 'Very satisfied' }],
  Events: [
    {
      EventType: 'StaffHold',
      Timestamp: start + 100,
      StaffEventDetail: { Staffs: [{ Mail: 'agent1@example.com' }] },
    },
    {
      EventType: 'StaffUnhold',
      Timestamp: start + 130,
      StaffEventDetail: { Staffs: [{ Mail: 'agent1@example.com' }] },
    },
  ],
  ServeParticipants: transferChain(31, start + 35),
  RecordURL: 'https://tccc.test/getRecord/signed?sig=SECRET',
});

/** An inbound call that ended in the IVR: no agent, no participants, no recording. */
export const noAgentDetail: DescribeSessionDetailResponse = parseDescribeSessionDetailResponse({
  RequestId: 'req-ivr',
  Caller: '008613812345678',
  Callee: '00864001234567',
  CallType: 2,
  StartTimeStamp: start,
  EndedTimestamp: start + 45,
  EndStatus: 102,
  HungUpSide: 'user',
  IVRKeyPressed: [{ Key: '9', Timestamp: (start + 30) * 1000 }],
});
