import { isWebhookError } from '../errors.ts';
import { parseRoutes } from './load.ts';

/** The problems `parseRoutes` reports for `text`; throws when the file is accepted. */
export function problemsOf(text: string): readonly string[] {
  try {
    parseRoutes(text, 'routes.yaml');
  } catch (error) {
    if (isWebhookError(error)) return error.problems;
    throw error;
  }
  throw new Error('expected the routes file to be rejected');
}
