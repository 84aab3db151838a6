/** A Tencent API 3.0 failure: answered with HTTP 200 and `{Response: {Error: {Code, Message}, RequestId}}`. */
export interface ApiFailure {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

/** The answer of an action handler: the `Response` fields (without `RequestId`) or a failure. */
export type ActionResult = { readonly ok: true; readonly body: Record<string, unknown> } | ApiFailure;

/** Builds an {@link ApiFailure}. */
export const fail = (code: string, message: string): ApiFailure => ({ ok: false, code, message });

/** Tencent's default messages for the codes the emulator returns without a more specific text. */
export const defaultMessages: Readonly<Record<string, string>> = {
  InternalError: 'An internal error occurred.',
  RequestLimitExceeded: 'The number of requests exceeds the frequency limit.',
  'AuthFailure.SignatureFailure':
    'The provided credentials could not be validated. Please ensure your signature is correct.',
  'AuthFailure.SignatureExpire':
    'Signature expired. Timestamp and server time cannot differ by more than five minutes.',
  'AuthFailure.SecretIdNotFound': 'The SecretId is not found, please ensure that your SecretId is correct.',
  'AuthFailure.InvalidAuthorization': 'Authorization in the request header is invalid.',
  'AuthFailure.TokenFailure': 'Token error.',
  'FailedOperation.SessionNotExists': 'Session does not exist.',
};

/** The failure for `code` with Tencent's default message (or a generic one). */
export const failWithDefault = (code: string, message?: string): ApiFailure =>
  fail(code, message ?? defaultMessages[code] ?? `Injected ${code}.`);
