/** The `action` query parameter of a Tencent data push. */
export type PushAction = 'cdr' | 'imcdr' | 'record' | 'voicemail';

/** One data push: what to POST, and the `X-TCCC-PUSH-UUID` that stays the same across retries. */
export interface PushItem {
  readonly action: PushAction;
  /** The JSON body (sent as-is, serialised with `JSON.stringify`). */
  readonly body: object;
  readonly pushId: string;
}
