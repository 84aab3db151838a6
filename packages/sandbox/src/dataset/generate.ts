import { callFixture } from './call-fixture.ts';
import { inboundStory } from './call-inbound.ts';
import { aiStory, internalStory, outboundStory } from './call-outbound.ts';
import { type CallPlan, type CallShape, planCalls, randomCall } from './call-plan.ts';
import type { CallContext, CallStory } from './call-story.ts';
import { NICKNAMES } from './catalog.ts';
import { chatFixture } from './chat-fixture.ts';
import { planChats } from './chat-plan.ts';
import { type ChatContext, chatStory, drawUser } from './chat-story.ts';
import { DOCUMENTED_CALLS, DOCUMENTED_CHATS, documentedStart } from './documented.ts';
import { type CompanyLines, companyLines } from './numbers.ts';
import { type GenerateDatasetOptions, type ResolvedOptions, resolveOptions } from './options.ts';
import { createRandom, type Random } from './random.ts';
import type { CallFixture, ChatFixture, GeneratedDataset } from './types.ts';

type StoryBuilder = (
  random: Random,
  context: CallContext,
  plan: CallStory['plan'],
  start: number,
  sessionId: string,
) => CallStory;

const BUILDERS: Readonly<Record<CallShape, StoryBuilder>> = {
  inbound: inboundStory,
  outbound: outboundStory,
  internal: internalStory,
  ai: aiStory,
};

/** `n` start times in [from, to), ascending. */
const times = (random: Random, n: number, from: number, to: number): number[] =>
  Array.from({ length: n }, () => random.int(from, to - 1)).sort((a, b) => a - b);

function generateCalls(random: Random, options: ResolvedOptions, lines: CompanyLines): CallFixture[] {
  const context: CallContext = {
    sdkAppId: options.sdkAppId,
    agents: options.agents,
    groups: options.skillGroups,
    lines,
  };
  const plans = planCalls(random.fork('call-plans'), options.calls);
  const starts = times(random.fork('call-times'), plans.length, options.start, options.end);
  const calls = plans.map((plan, i) => {
    // Each call draws from its own stream: the calls before it never change what it looks like.
    const own = random.fork(`call:${i}`);
    const story = BUILDERS[plan.shape](own, context, plan, starts[i] as number, own.uuid());
    return callFixture(own.fork('media'), options.sdkAppId, story);
  });
  if (!options.documentedSessions) return calls;
  // Streams of their own (forked by SessionId): adding them changes none of the calls above.
  const documented = DOCUMENTED_CALLS.map(({ sessionId, plan }) => {
    const own = random.fork(`documented:${sessionId}`);
    const story = BUILDERS[plan.shape](own, context, plan, documentedStart(own, options), sessionId);
    return callFixture(own.fork('media'), options.sdkAppId, story);
  });
  const startOf = (call: CallFixture): number => call.push.StartTimestamp ?? 0;
  return [...calls, ...documented].sort((a, b) => startOf(a) - startOf(b));
}

/** How far before `end` a live call may have started: long enough for every phase, short enough to last. */
const LIVE_WINDOW_SECONDS = 600;

/** An inbound call without a voicemail (a live call has none yet), drawn from the usual mix. */
function liveCallPlan(random: Random): CallPlan {
  for (let i = 0; i < 100; i++) {
    const plan = randomCall(random);
    if (plan.shape === 'inbound' && !plan.voicemail) return plan;
  }
  return { ...randomCall(random), shape: 'inbound', status: 'ok', transfers: 0, voicemail: false };
}

/** `liveCalls` inbound calls started in the minutes before `liveAt`, on streams of their own. */
function generateLiveCalls(random: Random, options: ResolvedOptions, lines: CompanyLines): CallFixture[] {
  const context: CallContext = {
    sdkAppId: options.sdkAppId,
    agents: options.agents,
    groups: options.skillGroups,
    lines,
  };
  const at = options.liveAt;
  return times(random.fork('live-times'), options.liveCalls, at - LIVE_WINDOW_SECONDS, at).map((start, i) => {
    const own = random.fork(`live:${i}`);
    const story = inboundStory(own, context, liveCallPlan(own), start, own.uuid());
    return callFixture(own.fork('media'), options.sdkAppId, story);
  });
}

function documentedChats(random: Random, context: ChatContext, options: ResolvedOptions): ChatFixture[] {
  if (!options.documentedSessions) return [];
  return DOCUMENTED_CHATS.map(({ sessionId, plan, user }) => {
    const own = random.fork(`documented:${sessionId}`);
    const story = chatStory(own, context, plan, documentedStart(own, options), sessionId, user);
    return chatFixture(own.fork('records'), options.sdkAppId, options.customerServiceId, story);
  });
}

function generateChats(random: Random, options: ResolvedOptions): ChatFixture[] {
  const context: ChatContext = {
    sdkAppId: options.sdkAppId,
    agents: options.agents,
    groups: options.skillGroups,
    customerServiceId: options.customerServiceId,
  };
  const plans = planChats(random.fork('chat-plans'), options.chats, options.liveChats);
  const ended = times(random.fork('chat-times'), options.chats, options.start, options.end);
  // Live sessions started within the last quarter of an hour before `end` (or at `start` for short ranges).
  const liveFrom = Math.max(options.start, options.end - 900);
  const live = times(
    random.fork('live-times'),
    options.liveChats,
    liveFrom,
    Math.max(liveFrom + 1, options.end - 60),
  );
  const starts = [...ended, ...live];
  const chats = plans.map((plan, i) => {
    const own = random.fork(`chat:${i}`);
    const sessionId = own.uuid();
    const story = chatStory(own, context, plan, starts[i] as number, sessionId, drawUser(own, NICKNAMES));
    return chatFixture(own.fork('records'), options.sdkAppId, options.customerServiceId, story);
  });
  return [...chats, ...documentedChats(random, context, options)].sort(
    (a, b) => (a.imCdr.Timestamp ?? 0) - (b.imCdr.Timestamp ?? 0) || a.sessionId.localeCompare(b.sessionId),
  );
}

/**
 * Generates a deterministic contact-center dataset: finished calls and chat sessions over a time range
 * (plus a few live chats), each seen identically by the CCC and Desk API emulators and by the pushes.
 * Pure: no clock, no `Math.random`; the same options give byte-identical output.
 *
 * @example
 * const dataset = generateDataset({ seed: 7, start: new Date('2025-03-01T00:00:00Z') });
 * dataset.calls.length; // 40
 * const ccc = await startCccEmulator({ dataset, sdkAppId: dataset.sdkAppId, credentials });
 */
export function generateDataset(options: GenerateDatasetOptions): GeneratedDataset {
  const resolved = resolveOptions(options);
  const random = createRandom(resolved.seed);
  const calls = random.fork('calls');
  // The same stream the calls always drew their numbers from: exposing them changes no call.
  const lines = companyLines(calls.fork('lines'));
  return {
    seed: resolved.seed,
    sdkAppId: resolved.sdkAppId,
    calls: generateCalls(calls, resolved, lines),
    ...(resolved.liveCalls > 0
      ? { liveCalls: generateLiveCalls(random.fork('live-calls'), resolved, lines) }
      : {}),
    chats: generateChats(random.fork('chats'), resolved),
    agents: resolved.agents,
    skillGroups: resolved.skillGroups,
    lines,
  };
}
