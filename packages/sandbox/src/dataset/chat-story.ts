import type { ChatMessage } from '@ccc-kit/schemas';
import { agentsIn, otherAgent, type Staff, staffedGroups } from './call-story.ts';
import type { DatasetAgent, DatasetSkillGroup } from './catalog.ts';
import { textElem } from './chat-elements.ts';
import { type ChatLog, converse, createLog, type Party } from './chat-log.ts';
import type { ChatPlan } from './chat-plan.ts';
import { BOT_LINES, SYSTEM_NOTICES } from './phrases.ts';
import type { Random } from './random.ts';

/** What chat builders need besides the staff. */
export interface ChatContext extends Staff {
  readonly sdkAppId: number;
  /** The Desk customer-service account bots and system notices are sent from. */
  readonly customerServiceId: string;
}

/** The single truth of one chat session; times are Unix seconds, 0 = never happened. */
export interface ChatStory {
  readonly sessionId: string;
  readonly plan: ChatPlan;
  readonly user: { readonly id: string; readonly nick: string; readonly channel: 'SDK' | 'Web' };
  readonly group: DatasetSkillGroup | null;
  /** Agents who served (or were offered) the session, in order. */
  readonly agents: readonly DatasetAgent[];
  readonly start: number;
  readonly queued: number;
  readonly ring: number;
  readonly accept: number;
  /** 0 while the session is live. */
  readonly end: number;
  /** The bot-menu key the customer chose (`IVRKeyPressed` of the push). */
  readonly botKey: string | null;
  readonly messages: readonly ChatMessage[];
}

/** Mutable state while a story is written. */
interface Draft {
  readonly random: Random;
  readonly context: ChatContext;
  readonly plan: ChatPlan;
  readonly log: ChatLog;
  readonly customer: Party;
  readonly bot: Party;
  readonly group: DatasetSkillGroup;
}

const seconds = (ms: number): number => Math.ceil(ms / 1000);
const isState = (plan: ChatPlan, ...states: string[]): boolean =>
  states.includes(plan.endStatus ?? '') || states.includes(plan.live ?? '');

/** Writes a whole session: bot greeting, bot menu, then the queue and agents as the plan says. */
export function chatStory(
  random: Random,
  context: ChatContext,
  plan: ChatPlan,
  start: number,
  sessionId: string,
  user: ChatStory['user'],
): ChatStory {
  const log = createLog(random, start * 1000);
  const customer: Party = { account: user.id, role: 1 };
  const bot: Party = { account: context.customerServiceId, role: 3 };
  const group = random.pick(staffedGroups(context));
  const draft: Draft = { random, context, plan, log, customer, bot, group };
  log.say(customer, textElem('Hi'), 0, 1);
  log.say(bot, textElem(BOT_LINES[random.int(0, 1) === 0 ? 0 : 2] as string), 1, 2);
  const base = {
    sessionId,
    plan,
    user,
    start,
    queued: 0,
    ring: 0,
    accept: 0,
    agents: [],
    messages: log.messages,
  };
  if (isState(plan, 'ChatbotReception', 'Chatbot')) {
    botOnly(draft);
    return { ...base, group: null, botKey: null, end: plan.live ? 0 : seconds(log.now()) };
  }
  log.say(bot, textElem(BOT_LINES[1] as string), 1, 2);
  const botKey = String(context.groups.findIndex((g) => g.id === group.id) + 1);
  log.say(customer, textElem(botKey), 3, 15);
  const queued = seconds(log.now());
  log.say(bot, textElem(SYSTEM_NOTICES.queued), 0, 1);
  const served = queueAndAgents(draft);
  return { ...base, ...served, group, botKey, queued, end: plan.live ? 0 : seconds(log.now()) };
}

function botOnly({ random, log, customer, bot, plan }: Draft): void {
  for (let i = random.int(1, 4); i > 0; i--) {
    log.say(
      customer,
      textElem(random.pick(['What are your opening hours?', '怎么修改密码?', 'Where is my parcel?'])),
    );
    log.say(
      bot,
      textElem(
        random.pick([
          'We are open 9:00–21:00, Monday to Saturday.',
          '请在"我的-设置"中修改密码。',
          'Please send your order number.',
        ]),
      ),
      1,
      3,
    );
  }
  if (!plan.live) log.say(bot, textElem(SYSTEM_NOTICES.ended), 30, 120);
}

type Served = Pick<ChatStory, 'ring' | 'accept' | 'agents'>;

function queueAndAgents(draft: Draft): Served {
  const { random, log, bot, plan } = draft;
  const none: Served = { ring: 0, accept: 0, agents: [] };
  if (isState(plan, 'NoAgentsOnline')) {
    log.say(bot, textElem(SYSTEM_NOTICES.noAgent), 1, 5);
    return none;
  }
  if (isState(plan, 'UserAbandonedDuringQueueing', 'Queuing')) {
    log.wait(random.int(20, 300));
    if (!plan.live) log.say(bot, textElem(SYSTEM_NOTICES.abandoned), 0, 1);
    return none;
  }
  const agent = random.pick(agentsIn(draft.context, draft.group));
  const ring = seconds(log.now()) + random.int(0, 60);
  if (isState(plan, 'TimeoutTransfer', 'WaitingForAgentAnswering')) {
    log.wait(ring - seconds(log.now()) + (plan.live ? 0 : random.int(60, 180)));
    if (!plan.live) log.say(bot, textElem(SYSTEM_NOTICES.transferTimeout), 0, 1);
    // The offered agent never accepted: a timed-out transfer names no agent, a live one names the ringing agent.
    return { ring, accept: 0, agents: plan.live ? [agent] : [] };
  }
  const accept = ring + random.int(2, 20);
  log.wait(accept - seconds(log.now()));
  return { ring, accept, agents: humanPart(draft, agent) };
}

/** The conversation with one agent (two for a manual transfer) and how it ends. */
function humanPart(draft: Draft, first: DatasetAgent): DatasetAgent[] {
  const { random, context, log, customer, bot, plan, group } = draft;
  const turns = plan.long ? random.int(260, 300) : plan.live ? random.int(2, 6) : random.int(6, 30);
  const common = { customer, topic: group.name, sdkAppId: context.sdkAppId, everyElement: plan.everyElement };
  const greeting = (agent: DatasetAgent) => textElem(`Hi, this is ${agent.name}. How can I help you?`);
  log.say({ account: first.mail, role: 2 }, greeting(first), 1, 5);
  converse(random, log, { ...common, agent: { account: first.mail, role: 2 }, turns });
  if (plan.live) return [first];
  const agents = [first];
  if (isState(plan, 'ManualTransfer')) {
    const second = otherAgent(random, context, first);
    log.say(bot, textElem(SYSTEM_NOTICES.transferred(second.name)), 2, 10);
    log.say({ account: second.mail, role: 2 }, greeting(second), 5, 30);
    converse(random, log, {
      ...common,
      everyElement: false,
      agent: { account: second.mail, role: 2 },
      turns: random.int(4, 12),
    });
    agents.push(second);
  }
  closing(draft, agents.at(-1) as DatasetAgent);
  return agents;
}

function closing({ random, log, customer, bot, plan }: Draft, agent: DatasetAgent): void {
  const agentParty: Party = { account: agent.mail, role: 2 };
  if (plan.endStatus === 'UserTimeout') {
    log.say(agentParty, textElem('Are you still there?'));
    log.wait(600);
    log.say(bot, textElem(SYSTEM_NOTICES.userTimeout), 0, 1);
  } else if (plan.endStatus === 'AgentTimeout') {
    log.say(customer, textElem('Hello? Anyone there?'));
    log.wait(300);
    log.say(bot, textElem(SYSTEM_NOTICES.agentTimeout), 0, 1);
  } else if (plan.endStatus === 'UserEndedSession') {
    log.say(customer, textElem(random.pick(['Thanks, bye!', '好的,谢谢!'])));
    log.say(bot, textElem(SYSTEM_NOTICES.ended), 0, 1);
  } else {
    log.say(agentParty, textElem('Thank you for contacting us. Have a nice day!'));
    log.say(bot, textElem(SYSTEM_NOTICES.ended), 0, 1);
  }
}

/** A customer: app (SDK) users have numeric ids, web (H5) visitors generated ones. */
export function drawUser(random: Random, nicknames: readonly string[]): ChatStory['user'] {
  const channel = random.chance(0.6) ? 'SDK' : 'Web';
  const id = channel === 'SDK' ? `${random.int(1, 9)}${random.digits(9)}` : `web_${random.hex(12)}`;
  return { id, nick: random.pick(nicknames), channel };
}
