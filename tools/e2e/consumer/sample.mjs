/** The CDR push sample of Tencent's data-push page (with its missing comma fixed). */
export const seedCdr = JSON.stringify({
  SessionId: '99a1c8f8-eb3d-4xxx-8401-5f6aa8761232',
  Caller: '0086400xxx6666',
  Callee: '0086184xxxx7605',
  Direction: 1,
  Duration: 0,
  SeatUser: { Mail: 'zhangsan@tencent.con', Name: 'Zhang San', StaffNumber: '8546' },
  RingTimestamp: 1677140072,
  AcceptTimestamp: 0,
  EndedTimestamp: 1677140081,
  IVRKeyPressed: null,
  HungUpSide: 'seat',
  EndStatusString: 'numberNotExist',
  StartTimestamp: 1677140068,
  SdkAppId: 1400482256,
});
