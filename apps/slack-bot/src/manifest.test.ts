import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { SUBCOMMANDS } from './commands/parse.ts';

interface Manifest {
  features: {
    bot_user: { display_name: string };
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    slash_commands: {
      command: string;
      url: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(new URL('../manifest.yaml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yaml', () => {
  test('one /ccc command, within Slack limits, naming every subcommand', () => {
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(command?.command).toBe('/ccc');
    expect(command?.description.length).toBeLessThanOrEqual(2000);
    expect(command?.usage_hint.length).toBeLessThanOrEqual(1000);
    for (const sub of SUBCOMMANDS) expect(command?.usage_hint).toContain(sub);
    // `calls --agent @person` needs the mention's user ID, which Slack only sends escaped.
    expect(command?.should_escape).toBe(true);
  });

  test('commands and buttons go to the Bolt endpoint over HTTPS (HTTP mode, no socket mode)', () => {
    const url = manifest.features.slash_commands[0]?.url;
    expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  test('the Home tab is enabled and opening it reaches the bot (app_home_opened, no other event)', () => {
    const url = manifest.features.slash_commands[0]?.url;
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: url,
      bot_events: ['app_home_opened'],
    });
  });

  test('transcripts can reach people in the Messages tab, which nobody needs to write in', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    });
  });

  test('asks for exactly the scopes the features use (a DM needs no im:write: chat.postMessage opens it)', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'channels:history',
      'chat:write',
      'commands',
      'files:read',
      'files:write',
      'groups:history',
      'usergroups:read',
      'users:read',
      'users:read.email',
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  test('both READMEs name every scope the manifest asks for', () => {
    for (const readme of ['../README.md', '../../../README.md']) {
      const text = readFileSync(new URL(readme, import.meta.url), 'utf8');
      for (const scope of manifest.oauth_config.scopes.bot) expect(text, readme).toContain(`\`${scope}\``);
    }
  });
});
