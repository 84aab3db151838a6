import { checkSlackFile, type SlackFileCheck } from './slack-file-rules.ts';
import type { JsonObject } from './types.ts';

/**
 * Block Kit limits enforced (from Slack's docs and `@slack/types`). Internal, and deliberately not imported
 * from `@ccc-kit/slack-blocks` (whose `LIMITS` are the ones to build with): the emulator is the independent
 * check of what slack-blocks produces, so a wrong limit there cannot also pass here.
 */
export const BLOCK_KIT_LIMITS: {
  readonly blocks: 50;
  readonly sectionText: 3000;
  readonly fields: 10;
  readonly fieldText: 2000;
  readonly headerText: 150;
  readonly contextElements: 10;
  readonly actionsElements: 25;
  readonly blockId: 255;
  readonly buttonText: 75;
  readonly markdownBlock: 12_000;
  readonly totalBlocksText: 12_000;
} = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  buttonText: 75,
  markdownBlock: 12_000,
  totalBlocksText: 12_000,
};

/** Receives one problem: Slack-style message and JSON pointer. */
export type Report = (message: string, pointer: string) => void;
type BlockRule = (block: JsonObject, at: string, report: Report, files: SlackFileCheck | undefined) => void;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a non-empty string of at most `max` characters. Lengths are UTF-16 code units: never shorter than
 * Slack's character count, so a message the emulator accepts is never rejected by Slack for length.
 */
export function checkString(value: unknown, at: string, max: number, report: Report): void {
  if (typeof value !== 'string') {
    report('must be a string', at);
    return;
  }
  if (value.length === 0) report('must be more than 0 characters', at);
  else if (value.length > max) report(`must be less than ${max + 1} characters`, at);
}

/** Checks a text object (`plain_text`, or `mrkdwn` too unless `plainOnly`) whose text is at most `max` long. */
export function checkText(value: unknown, at: string, max: number, report: Report, plainOnly = false): void {
  if (!isObject(value)) {
    report('must provide an object', at);
    return;
  }
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(value.type as string)) report(`must be one of: ${allowed.join(', ')}`, `${at}/type`);
  if (value.text === undefined) report('missing required field: text', at);
  else checkString(value.text, `${at}/text`, max, report);
}

function checkList(value: unknown, at: string, max: number, report: Report): value is unknown[] {
  if (!Array.isArray(value)) {
    report(value === undefined ? 'missing required field' : 'must provide an array', at);
    return false;
  }
  if (value.length === 0) report('must provide at least 1 item', at);
  if (value.length > max) report(`no more than ${max} items allowed`, at);
  return true;
}

function checkElement(element: unknown, at: string, report: Report, files: SlackFileCheck | undefined): void {
  if (!isObject(element)) {
    report('must provide an object', at);
    return;
  }
  if (typeof element.type !== 'string') {
    report('missing required field: type', at);
    return;
  }
  if (element.action_id !== undefined) checkString(element.action_id, `${at}/action_id`, 255, report);
  // An accessory image may name an uploaded file too, and then needs the same checks as an image block.
  if (element.type === 'image' && element.slack_file !== undefined)
    checkSlackFile(element.slack_file, `${at}/slack_file`, report, files);
  if (element.type !== 'button') return;
  checkText(element.text, `${at}/text`, BLOCK_KIT_LIMITS.buttonText, report, true);
  if (element.value !== undefined) checkString(element.value, `${at}/value`, 2000, report);
  if (element.url !== undefined) checkString(element.url, `${at}/url`, 3000, report);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
    report('must be one of: primary, danger', `${at}/style`);
}

function checkImageFields(
  element: JsonObject,
  at: string,
  report: Report,
  files: SlackFileCheck | undefined,
): void {
  if (element.image_url === undefined && element.slack_file === undefined)
    report('must provide image_url or slack_file', at);
  if (element.image_url !== undefined) checkString(element.image_url, `${at}/image_url`, 3000, report);
  if (element.slack_file !== undefined) checkSlackFile(element.slack_file, `${at}/slack_file`, report, files);
  checkString(element.alt_text, `${at}/alt_text`, 2000, report);
}

const rules: Record<string, BlockRule> = {
  section(block, at, report, files) {
    if (block.text === undefined && block.fields === undefined) {
      report('must provide either text or fields', at);
      return;
    }
    if (block.text !== undefined) checkText(block.text, `${at}/text`, BLOCK_KIT_LIMITS.sectionText, report);
    if (
      block.fields !== undefined &&
      checkList(block.fields, `${at}/fields`, BLOCK_KIT_LIMITS.fields, report)
    )
      block.fields.forEach((f, i) => {
        checkText(f, `${at}/fields/${i}`, BLOCK_KIT_LIMITS.fieldText, report);
      });
    if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, report, files);
  },
  header(block, at, report) {
    checkText(block.text, `${at}/text`, BLOCK_KIT_LIMITS.headerText, report, true);
  },
  divider() {},
  context(block, at, report, files) {
    if (!checkList(block.elements, `${at}/elements`, BLOCK_KIT_LIMITS.contextElements, report)) return;
    block.elements.forEach((element, i) => {
      const where = `${at}/elements/${i}`;
      if (isObject(element) && element.type === 'image') checkImageFields(element, where, report, files);
      else checkText(element, where, BLOCK_KIT_LIMITS.sectionText, report);
    });
  },
  actions(block, at, report, files) {
    if (!checkList(block.elements, `${at}/elements`, BLOCK_KIT_LIMITS.actionsElements, report)) return;
    block.elements.forEach((element, i) => {
      checkElement(element, `${at}/elements/${i}`, report, files);
    });
  },
  image(block, at, report, files) {
    checkImageFields(block, at, report, files);
    if (block.title !== undefined) checkText(block.title, `${at}/title`, 2000, report, true);
  },
  markdown(block, at, report) {
    checkString(block.text, `${at}/text`, BLOCK_KIT_LIMITS.markdownBlock, report);
  },
  rich_text(block, at, report) {
    if (!Array.isArray(block.elements)) report('must provide an array', `${at}/elements`);
  },
};
// Block types Slack accepts in messages that the emulator stores without deeper checks.
for (const type of ['input', 'file', 'video', 'table', 'context_actions', 'alert', 'data_table', 'call'])
  rules[type] = () => {};

/**
 * Checks one block (and its block_id's uniqueness against `blockIds`), reporting each problem; `files`
 * decides whether an image's `slack_file` may be shown (without it, only its shape is checked).
 */
export function checkBlock(
  block: unknown,
  at: string,
  report: Report,
  blockIds: Set<string>,
  files?: SlackFileCheck,
): void {
  if (!isObject(block)) {
    report('must provide an object', at);
    return;
  }
  if (typeof block.type !== 'string') {
    report('missing required field: type', at);
    return;
  }
  const rule = rules[block.type];
  if (!rule) {
    report(`unsupported type: ${block.type}`, `${at}/type`);
    return;
  }
  if (block.block_id !== undefined) {
    checkString(block.block_id, `${at}/block_id`, BLOCK_KIT_LIMITS.blockId, report);
    if (typeof block.block_id === 'string' && blockIds.has(block.block_id))
      report(`duplicate block_id: ${block.block_id}`, `${at}/block_id`);
    if (typeof block.block_id === 'string') blockIds.add(block.block_id);
  }
  rule(block, at, report, files);
}
