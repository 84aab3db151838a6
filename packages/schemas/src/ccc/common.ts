import * as v from 'valibot';
import type { ParticipantType, SessionEventType } from '../enums/call.ts';
import { list, openString, optNumber, optString } from '../helpers.ts';
import { optNumberText } from '../limits.ts';

/**
 * An IVR key press (`IVRKeyPressedEx`, `PostIVRKeyPressed`, DescribeSessionDetail `IVRKeyPressed`).
 * The push doc sample writes `key`/`label` in lower case: both spellings normalise to `Key`/`Label`.
 */
export const IvrKeyPressedElement = v.pipe(
  v.looseObject({}),
  v.transform((o: Record<string, unknown>) => {
    const { key, label, ...rest } = o;
    return { ...rest, Key: rest.Key ?? key, Label: rest.Label ?? label };
  }),
  v.looseObject({
    /** Key pressed, or keyword hit; `noInput` = entered the survey but pressed nothing. */
    Key: optString(),
    /** Label configured for the key, e.g. "super satisfied". */
    Label: optString(),
    /** When the key was pressed, Unix milliseconds. */
    Timestamp: optNumber(),
    /** IVR node label. */
    NodeLabel: optString(),
    /** The caller's original input (speech/keys). */
    OriginalContent: optString(),
    /** Prompt played. */
    TTSPrompt: optString(),
  }),
);
/** Output type of {@link IvrKeyPressedElement}. */
export type IvrKeyPressedElement = v.InferOutput<typeof IvrKeyPressedElement>;

/** Agent information (`SeatUser` of a CDR; `SeatUserInfo` of DescribeTelCdr). Last agent when transferred. */
export const SeatUserInfo = v.looseObject({
  /** Agent name. */
  Name: optString(),
  /** Agent email (the agent account). */
  Mail: optString(),
  /** Agent staff number. */
  StaffNumber: optString(),
  /** Agent phone, with 0086 prefix. */
  Phone: optNumberText('Phone'),
  /** Nickname. */
  Nick: optString(),
  /** User id (usually the email). */
  UserId: optString(),
  /** Skill groups the agent belongs to. */
  SkillGroupNameList: list(v.string()),
  /** 1 admin, 2 quality inspector, 3 agent, else a custom role id. */
  Role: optNumber(),
  /** Extension number (4–6 digits). */
  ExtensionNumber: optString(),
});
/** Output type of {@link SeatUserInfo}. */
export type SeatUserInfo = v.InferOutput<typeof SeatUserInfo>;

/** One service track of a call (an agent leg, a transfer, an external line). */
export const ServeParticipant = v.looseObject({
  /** Agent email. */
  Mail: optString(),
  /** Agent phone. */
  Phone: optNumberText('Phone'),
  /** Ring time, Unix seconds (0 = never rang). */
  RingTimestamp: optNumber(),
  /** Answer time, Unix seconds (0 = never answered). */
  AcceptTimestamp: optNumber(),
  /** End time, Unix seconds. */
  EndedTimestamp: optNumber(),
  /** Agent-side recording id. */
  RecordId: optString(),
  /** Participant type, e.g. `staffSeat`. */
  Type: v.nullish(openString<ParticipantType>()),
  /** Transfer source agent. */
  TransferFrom: optString(),
  /** Transfer source type (same values as `Type`). */
  TransferFromType: optString(),
  /** Transfer destination. */
  TransferTo: optString(),
  /** Transfer destination type (same values as `Type`). */
  TransferToType: optString(),
  /** Skill group id. */
  SkillGroupId: optNumber(),
  /** How this participant's part ended (see the EndStatus table). */
  EndStatusString: optString(),
  /** Signed recording URL (API only; valid ~24 h, never persist). */
  RecordURL: optString(),
  /** Order of the participant, from 0. */
  Sequence: optNumber(),
  /** Start time, Unix seconds. */
  StartTimestamp: optNumber(),
  /** Skill group name. */
  SkillGroupName: optString(),
  /** Skill group assignment priority (push only). */
  SkillGroupPriority: optNumber(),
  /** Recording copied to the customer's COS bucket. */
  CustomRecordURL: optString(),
});
/** Output type of {@link ServeParticipant}. */
export type ServeParticipant = v.InferOutput<typeof ServeParticipant>;

/** An agent named in a session event. */
export const EventStaffElement = v.looseObject({ Mail: optString(), StaffNumber: optString() });

/** A hold/mute event during a call (DescribeSessionDetail `Events`). */
export const SessionEvent = v.looseObject({
  /** Unix seconds. */
  Timestamp: optNumber(),
  /** `StaffHold`, `StaffUnhold`, `StaffMute`, `StaffUnmute`. */
  EventType: v.nullish(openString<SessionEventType>()),
  /** Agents concerned. */
  StaffEventDetail: v.nullish(v.looseObject({ Staffs: list(EventStaffElement) })),
});
/** Output type of {@link SessionEvent}. */
export type SessionEvent = v.InferOutput<typeof SessionEvent>;

/** The `{Code, Message}` of a failed CCC API 3.0 call. */
export const CccApiError = v.looseObject({ Code: v.string(), Message: v.string() });
/** Output type of {@link CccApiError}. */
export type CccApiError = v.InferOutput<typeof CccApiError>;

/**
 * The API 3.0 envelope: `{Response: {..., RequestId}}` on success, `{Response: {Error, RequestId}}` on
 * failure. Use it first, then the action's own response schema on `Response`.
 */
export const CccEnvelope = v.looseObject({
  Response: v.looseObject({ RequestId: v.string(), Error: v.optional(CccApiError) }),
});
/** Output type of {@link CccEnvelope}. */
export type CccEnvelope = v.InferOutput<typeof CccEnvelope>;

/** Wraps an action's response schema in the API 3.0 envelope `{Response: ...}`. */
export const cccResponse = <S extends v.GenericSchema>(response: S) => v.looseObject({ Response: response });
