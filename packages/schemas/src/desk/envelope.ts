import * as v from 'valibot';

/** The envelope of every Desk REST answer: HTTP 200 with `ActionStatus` `OK`/`FAIL` and an `ErrorCode`. */
export const DeskEnvelope = v.looseObject({
  /** `OK` or `FAIL`. */
  ActionStatus: v.string(),
  /** 0 on success. */
  ErrorCode: v.number(),
  /** Error text, empty on success. */
  ErrorInfo: v.nullish(v.string(), ''),
});
/** Output type of {@link DeskEnvelope}. */
export type DeskEnvelope = v.InferOutput<typeof DeskEnvelope>;

/** Entries every Desk response schema starts with. */
export const deskEnvelopeEntries = DeskEnvelope.entries;
