import type { DeskImCdr, ImCdrPush } from '@ccc-kit/schemas';
import { seatUser } from './call-parts.ts';
import { DESK_TO_IM_END_STATUS } from './chat-plan.ts';
import type { ChatStory } from './chat-story.ts';
import type { Random } from './random.ts';
import type { ChatFixture } from './types.ts';

/** Stars customers give, skewed to the good end as real surveys are. */
const drawStars = (random: Random): number =>
  random.weighted([
    [5, 40],
    [4, 30],
    [3, 15],
    [2, 8],
    [1, 7],
  ] as const);

/** Where the session stands: its end, or for a live session its last message. */
const lastMoment = (story: ChatStory): number =>
  story.end || Math.ceil((story.messages.at(-1)?.Timestamp ?? story.start * 1000) / 1000);

function imCdr(random: Random, story: ChatStory): DeskImCdr {
  const agent = story.agents.at(-1);
  const rated = story.plan.endStatus !== null && story.accept > 0 && random.chance(0.6);
  return {
    SessionId: story.sessionId,
    AgentGroupId: story.group ? String(story.group.id) : '',
    AgentGroupName: story.group?.name ?? '',
    AgentId: agent?.mail ?? '',
    ChannelType: story.user.channel,
    ClientUserId: story.user.id,
    ClientUserNickName: story.user.nick,
    Duration: lastMoment(story) - story.start,
    // A live session has no end status yet.
    ...(story.plan.endStatus ? { EndStatus: story.plan.endStatus } : {}),
    ...(rated ? { SatisfactionSelected: drawStars(random) } : {}),
    Timestamp: story.start,
  };
}

function imPush(random: Random, story: ChatStory, sdkAppId: number): ImCdrPush {
  const agent = story.agents.at(-1);
  const end = lastMoment(story);
  return {
    SdkAppId: sdkAppId,
    SessionId: story.sessionId,
    StartTimestamp: story.start,
    QueuedTimestamp: story.queued,
    RingTimestamp: story.ring,
    AcceptTimestamp: story.accept,
    EndedTimestamp: story.end,
    QueuedSkillGroupId: story.group?.id ?? 0,
    QueuedSkillGroupName: story.group?.name ?? '',
    Duration: end - story.start,
    IVRDuration: (story.queued || end) - story.start,
    ...(story.plan.endStatus ? { EndStatusString: DESK_TO_IM_END_STATUS[story.plan.endStatus] } : {}),
    UserId: story.user.id,
    UserNickName: story.user.nick,
    IVRKeyPressed: story.botKey ? [story.botKey] : [],
    ...(agent ? { SeatUser: seatUser(agent, 'push') } : {}),
    UserRemark: '',
    ClientData: random.chance(0.3)
      ? JSON.stringify({ source: story.user.channel === 'SDK' ? 'app' : 'h5', version: '5.2.1' })
      : '',
  };
}

/**
 * Projects a chat story onto the Desk API row, the transcript, the session state and the IM CDR push.
 * A live session's push is what Tencent would send if it ended now; the pusher never sends it.
 */
export function chatFixture(
  random: Random,
  sdkAppId: number,
  customerServiceId: string,
  story: ChatStory,
): ChatFixture {
  const agent = story.agents.at(-1);
  const assigned = story.plan.live === 'Agent' || story.plan.live === 'WaitingForAgentAnswering';
  return {
    sessionId: story.sessionId,
    imCdr: imCdr(random, story),
    messages: story.messages,
    state: story.plan.live
      ? { CurrentState: story.plan.live, ...(assigned && agent ? { AgentId: agent.mail } : {}) }
      : {},
    clientUserId: story.user.id,
    customerServiceId,
    push: imPush(random, story, sdkAppId),
  };
}
