import { slackDate } from '@ccc-kit/slack-blocks';
import { ASR_RETRY_SECONDS, type MissingAsr } from './commands/call-asr.ts';
import type { Reply } from './deps.ts';
import { ephemeral } from './replies.ts';

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const minutes = Math.round(ASR_RETRY_SECONDS / 60);

/**
 * Why a call has no speech transcript (yet), for the requester only: ASR not enabled, still being made
 * (with when to try again), or no speech to transcribe.
 */
export function callWithoutTranscriptReply(sessionId: string, asr: MissingAsr): Reply {
  const call = `Call ${code(sessionId)}`;
  switch (asr.state) {
    case 'not_enabled':
      return ephemeral(
        `${call} has no speech transcript: speech recognition (ASR) is not enabled for it. Offline ASR must be switched on in the CCC console before calls are made.`,
      );
    case 'processing': {
      const retry = `Try again in about ${minutes} minutes, after ${slackDate(asr.retryAt)}.`;
      if (asr.inCall)
        return ephemeral(`${call} is still going on: Tencent transcribes a call after it ends. ${retry}`);
      const ended = asr.endedAt ? ` (it ended ${slackDate(asr.endedAt)})` : '';
      return ephemeral(`Tencent is still transcribing call ${code(sessionId)}${ended}. ${retry}`);
    }
    case 'no_speech':
      return ephemeral(
        asr.connected
          ? `${call} has no speech transcript: Tencent transcribed its recording and found no speech in it.`
          : `${call} has no speech transcript: nobody answered, so there was no conversation to transcribe.`,
      );
  }
}
