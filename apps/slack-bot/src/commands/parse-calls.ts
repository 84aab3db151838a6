import { normalizeNumber } from '@ccc-kit/cdr-parser';

/**
 * Whose calls `/ccc calls` lists: a customer's number (canonical E.164 digits without `+`, e.g.
 * `8613800138000`), an agent by email (lower case), or an agent by Slack user, resolved to their email when
 * the lookup runs.
 */
export type CallsFilter =
  | { readonly kind: 'number'; readonly number: string }
  | { readonly kind: 'agent'; readonly email: string }
  | { readonly kind: 'mention'; readonly userId: string };

const E164_DIGITS = /^\d{7,15}$/;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,190}\.[^\s@<>.]{2,}$/;
/** A mention as `unformat` leaves it: `@U0123ABC`. */
const MENTION = /^@([UW][A-Z0-9]{2,})$/;
const NUMBER_HINT = 'give a phone number such as +86 138 0013 8000, 008613800138000 or 13800138000';

function agentFilter(value: string): CallsFilter | { readonly problem: string } {
  const mention = MENTION.exec(value);
  if (mention) return { kind: 'mention', userId: mention[1] as string };
  if (EMAIL.test(value)) return { kind: 'agent', email: value.toLowerCase() };
  if (value.startsWith('@'))
    return {
      problem: `\`${value}\` did not reach me as a mention: pick the person from Slack's @ list, or give their email.`,
    };
  return { problem: `\`${value}\` is neither an @mention nor an email.` };
}

/**
 * The filter of `/ccc calls`: the arguments are one phone number (spaces allowed: `+86 138 0013 8000`),
 * or none when `--agent` names the agent. Never throws.
 *
 * @example
 * parseCallsFilter(['+86', '138', '0013', '8000'], undefined); // { kind: 'number', number: '8613800138000' }
 * parseCallsFilter([], 'ann@example.com');                      // { kind: 'agent', email: 'ann@example.com' }
 */
export function parseCallsFilter(
  args: readonly string[],
  agent: string | undefined,
): CallsFilter | { readonly problem: string } {
  if (agent !== undefined) {
    if (args.length > 0) return { problem: `Give a number or \`--agent\`, not both: \`${args.join(' ')}\`.` };
    return agentFilter(agent);
  }
  if (args.length === 0) return { problem: `Missing the number: ${NUMBER_HINT}, or \`--agent\`.` };
  const typed = args.join('');
  const number = typed.length <= 40 ? normalizeNumber(typed) : null;
  if (!number || !E164_DIGITS.test(number))
    return { problem: `\`${args.join(' ').slice(0, 40)}\` is not a phone number: ${NUMBER_HINT}.` };
  return { kind: 'number', number };
}
