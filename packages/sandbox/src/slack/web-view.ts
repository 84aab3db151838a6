import type { ServerResponse } from 'node:http';
import { sniffFile } from './file-kind.ts';
import { escapeHtml, mrkdwnToHtml } from './mrkdwn.ts';
import { renderBlocks } from './render-blocks.ts';
import type { SlackStore } from './store.ts';
import type { SlackChannel, SlackEphemeralRecord, SlackIdentity, SlackMessageRecord } from './types.ts';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:900px;padding:1em;color:#1d1c1d}
nav a{margin-right:1em}.channel{border-top:2px solid #ddd;margin-top:1.5em}
.msg{border-left:3px solid #e8e8e8;margin:.8em 0;padding:.2em .8em}.ephemeral{border-color:#fc6;background:#fffbf0}
.meta{color:#616061;font-size:12px}.fields{display:grid;grid-template-columns:1fr 1fr;gap:.3em 1em}
.context{color:#616061;font-size:12px}.thread{margin-left:1.5em}.header{margin:.3em 0}
button{margin:.2em .3em .2em 0}button.primary{background:#007a5a;color:#fff}button.danger{background:#e01e5a;color:#fff}
code,pre{background:#f4f4f4;border-radius:3px;padding:0 .2em}.file{margin:.3em 0}
figure{margin:.3em 0}.picture{max-width:100%;max-height:360px}.thumb{height:1.3em;vertical-align:middle}`;

// No script may run on this page: message content is untrusted. Images only from the emulator itself
// (uploaded files), so viewing the page never makes a request leave 127.0.0.1.
const CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function renderBody(message: { text: string; blocks: readonly unknown[] | undefined }): string {
  return message.blocks && message.blocks.length > 0
    ? renderBlocks(message.blocks)
    : `<div class="text">${mrkdwnToHtml(message.text)}</div>`;
}

function renderFiles(store: SlackStore, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const file = store.uploads.get(id);
      const title = escapeHtml(file?.title ?? id);
      const size = file?.bytes ? ` (${file.bytes.length} bytes)` : '';
      const href = `/files/${encodeURIComponent(id)}`;
      // Slack shows a shared image itself under the message, not only its name.
      const preview =
        file?.bytes && sniffFile(file.bytes).isImage
          ? `<br><img class="picture" src="${href}" alt="${title}">`
          : '';
      return `<div class="file">File: <a href="${href}">${title}</a>${size}${preview}</div>`;
    })
    .join('');
}

function renderMessage(store: SlackStore, identity: SlackIdentity, message: SlackMessageRecord): string {
  const author = message.botId ? identity.botName : message.user;
  const edited = message.edits.length > 0 ? ` · edited ${message.edits.length}×` : '';
  const replies = message.threadTs
    ? ''
    : store.messages
        .filter((m) => m.channel === message.channel && m.threadTs === message.ts && !m.deleted)
        .map((reply) => renderMessage(store, identity, reply))
        .join('');
  return `<article class="msg" id="m${escapeHtml(message.ts)}">
<div class="meta">${escapeHtml(author)} · ${escapeHtml(message.ts)}${edited}</div>
${renderBody(message)}${renderFiles(store, message.files)}
${replies ? `<div class="thread">${replies}</div>` : ''}</article>`;
}

function renderEphemeral(ephemeral: SlackEphemeralRecord): string {
  return `<article class="msg ephemeral"><div class="meta">Only visible to ${escapeHtml(ephemeral.user ?? 'the invoker')} · ${escapeHtml(ephemeral.ts)}</div>
${renderBody(ephemeral)}</article>`;
}

function renderChannel(store: SlackStore, identity: SlackIdentity, channel: SlackChannel): string {
  const messages = store.messages
    .filter((m) => m.channel === channel.id && !m.deleted && (!m.threadTs || m.replyBroadcast))
    .map((m) => renderMessage(store, identity, m));
  const ephemerals = store.ephemerals
    .filter((e) => e.channel === channel.id && !e.deleted)
    .map(renderEphemeral);
  const flags = `${channel.isPrivate ? ' · private' : ''}${channel.isMember ? '' : ' · bot not in channel'}`;
  return `<section class="channel" id="${escapeHtml(channel.id)}">
<h2><a href="/channels/${encodeURIComponent(channel.id)}">#${escapeHtml(channel.name)}</a> <small>${escapeHtml(channel.id)}${flags}</small></h2>
${messages.join('\n') || '<p class="meta">No messages.</p>'}
${ephemerals.join('\n')}</section>`;
}

/** The page around `body`: title, the channels, and the users whose Home tab was published. */
function pageShell(store: SlackStore, identity: SlackIdentity, body: string): string {
  const channels = [...store.channels.values()]
    .map((c) => `<a href="/channels/${encodeURIComponent(c.id)}">#${escapeHtml(c.name)}</a>`)
    .join('');
  const homes = [...store.homeViews.keys()]
    .map((user) => `<a href="/home/${encodeURIComponent(user)}">${escapeHtml(user)}</a>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slack sandbox · ${escapeHtml(identity.teamName)}</title>
<style>${STYLE}</style></head><body><h1><a href="/">Slack sandbox</a> · ${escapeHtml(identity.teamName)}</h1>
<nav>${channels}</nav>
${homes ? `<nav class="homes">Home tabs: ${homes}</nav>` : ''}
${body}
</body></html>`;
}

/** Renders the read-only page: every channel, or only `channelId`. Undefined when that channel is unknown. */
export function renderPage(
  store: SlackStore,
  identity: SlackIdentity,
  channelId?: string,
): string | undefined {
  const all = [...store.channels.values()];
  const shown = channelId ? all.filter((c) => c.id === channelId) : all;
  if (channelId && shown.length === 0) return undefined;
  return pageShell(store, identity, shown.map((c) => renderChannel(store, identity, c)).join('\n'));
}

/**
 * Renders a user's Home tab as views.publish last published it. Undefined for a user with neither a Home
 * view nor a visit (an ID the emulator never heard of), so a typo is a 404 rather than an empty tab.
 */
export function renderHomePage(store: SlackStore, identity: SlackIdentity, user: string): string | undefined {
  const home = store.homeViews.get(user);
  if (!home && !store.homeVisitors.has(user)) return undefined;
  const blocks = Array.isArray(home?.view.blocks) ? home.view.blocks : [];
  const body = home
    ? `<div class="meta">Published ${home.version}× · view ${escapeHtml(home.id)} · hash ${escapeHtml(String(home.view.hash))}</div>
${renderBlocks(blocks)}`
    : '<p class="meta">The app has not published a Home view for this user yet.</p>';
  return pageShell(
    store,
    identity,
    `<section class="home" id="home-${escapeHtml(user)}"><h2>Home · ${escapeHtml(identity.botName)} · ${escapeHtml(user)}</h2>
${body}</section>`,
  );
}

/** Answers an HTML page with a strict Content-Security-Policy. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}
