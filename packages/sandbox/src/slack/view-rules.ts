import { checkBlock, checkString, checkText, type Report } from './block-rules.ts';
import type { SlackFileCheck } from './slack-file-rules.ts';
import type { JsonObject } from './types.ts';

/** Modal limits from Slack's view reference (https://api.slack.com/reference/surfaces/views). */
export const MODAL_LIMITS: {
  readonly title: 24;
  readonly button: 24;
  readonly callbackId: 255;
  readonly externalId: 255;
  readonly privateMetadata: 3000;
  readonly blocks: 100;
  readonly label: 2000;
  readonly hint: 2000;
} = {
  title: 24,
  button: 24,
  callbackId: 255,
  externalId: 255,
  privateMetadata: 3000,
  blocks: 100,
  label: 2000,
  hint: 2000,
};

/** Element types Slack accepts in an input block (its reference's list). */
export const INPUT_ELEMENT_TYPES: readonly string[] = [
  'plain_text_input',
  'static_select',
  'radio_buttons',
  'checkboxes',
  'users_select',
  'datepicker',
  'multi_static_select',
  'multi_users_select',
  'external_select',
  'multi_external_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'timepicker',
  'datetimepicker',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
];

/** One problem in a view, worded like Slack's `response_metadata.messages` (pointer from `/view`). */
export interface ViewProblem {
  readonly message: string;
  readonly pointer: string;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// callback_id and private_metadata may be empty (Slack answers them as ''), so not checkString.
function checkOptionalString(value: unknown, at: string, max: number, report: Report): void {
  if (value === undefined) return;
  if (typeof value !== 'string') report('must be a string', at);
  else if (value.length > max) report(`must be less than ${max + 1} characters`, at);
}

function checkInput(block: JsonObject, at: string, report: Report): void {
  if (block.label === undefined) report('missing required field: label', at);
  else checkText(block.label, `${at}/label`, MODAL_LIMITS.label, report, true);
  if (block.hint !== undefined) checkText(block.hint, `${at}/hint`, MODAL_LIMITS.hint, report, true);
  if (block.optional !== undefined && typeof block.optional !== 'boolean')
    report('must be a boolean', `${at}/optional`);
  const element = block.element;
  if (!isObject(element)) {
    report(element === undefined ? 'missing required field: element' : 'must provide an object', at);
    return;
  }
  if (!INPUT_ELEMENT_TYPES.includes(element.type as string))
    report(`must be one of: ${INPUT_ELEMENT_TYPES.join(', ')}`, `${at}/element/type`);
  if (element.action_id !== undefined) checkString(element.action_id, `${at}/element/action_id`, 255, report);
}

function checkBlocks(blocks: unknown, report: Report, files: SlackFileCheck | undefined): boolean {
  if (!Array.isArray(blocks)) {
    report(blocks === undefined ? 'missing required field: blocks' : 'must provide an array', '/view/blocks');
    return false;
  }
  if (blocks.length > MODAL_LIMITS.blocks)
    report(`no more than ${MODAL_LIMITS.blocks} items allowed`, '/view/blocks');
  const blockIds = new Set<string>();
  let hasInput = false;
  blocks.forEach((block, i) => {
    const at = `/view/blocks/${i}`;
    checkBlock(block, at, report, blockIds, files);
    if (isObject(block) && block.type === 'input') {
      hasInput = true;
      checkInput(block, at, report);
    }
  });
  return hasInput;
}

function checkType(view: JsonObject, type: string, report: Report): void {
  if (view.type === undefined) report('missing required field: type', '/view');
  else if (view.type !== type) report(`must be one of: ${type}`, '/view/type');
}

/** The checks every view type shares: callback_id, external_id, private_metadata and blocks. */
function checkCommon(view: JsonObject, report: Report, files: SlackFileCheck | undefined): boolean {
  checkOptionalString(view.callback_id, '/view/callback_id', MODAL_LIMITS.callbackId, report);
  checkOptionalString(view.external_id, '/view/external_id', MODAL_LIMITS.externalId, report);
  checkOptionalString(view.private_metadata, '/view/private_metadata', MODAL_LIMITS.privateMetadata, report);
  return checkBlocks(view.blocks, report, files);
}

/**
 * Checks a modal (already JSON-parsed) the way views.open does: type, title, close/submit buttons (a modal
 * with input blocks needs submit), callback_id, private_metadata, at most 100 blocks with unique block_ids,
 * and input blocks with a label and an input element. An empty list means Slack accepts it. `files` decides
 * whether an image's `slack_file` may be shown (without it, only its shape is checked).
 *
 * @example
 * validateView({ type: 'modal', title: { type: 'plain_text', text: 'Follow up' }, blocks: [] }); // → []
 */
export function validateView(view: unknown, files?: SlackFileCheck): ViewProblem[] {
  const problems: ViewProblem[] = [];
  const report: Report = (message, pointer) => problems.push({ message, pointer });
  if (!isObject(view)) {
    report('must provide an object', '/view');
    return problems;
  }
  checkType(view, 'modal', report);
  if (view.title === undefined) report('missing required field: title', '/view');
  else checkText(view.title, '/view/title', MODAL_LIMITS.title, report, true);
  for (const key of ['close', 'submit'])
    if (view[key] !== undefined) checkText(view[key], `/view/${key}`, MODAL_LIMITS.button, report, true);
  const hasInput = checkCommon(view, report, files);
  if (hasInput && view.submit === undefined)
    report('missing required field: submit (a modal with input blocks needs one)', '/view');
  return problems;
}

/**
 * Checks a Home tab view the way views.publish does (Slack's home-tab reference): `type: 'home'`,
 * callback_id ≤ 255, external_id ≤ 255, private_metadata ≤ 3000, at most 100 blocks, each valid by the
 * Block Kit rules with unique block_ids (input blocks with a label and an input element). No title.
 *
 * @example
 * validateHomeView({ type: 'home', blocks: [{ type: 'divider' }] }); // → []
 */
export function validateHomeView(view: unknown, files?: SlackFileCheck): ViewProblem[] {
  const problems: ViewProblem[] = [];
  const report: Report = (message, pointer) => problems.push({ message, pointer });
  if (!isObject(view)) {
    report('must provide an object', '/view');
    return problems;
  }
  checkType(view, 'home', report);
  checkCommon(view, report, files);
  return problems;
}
