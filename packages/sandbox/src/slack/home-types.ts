/** A user's Home tab as views.publish last published it (Slack keeps one Home view per user and app). */
export interface SlackHomeViewRecord {
  /** `V…` view ID: a new one with each publish, like the `hash`. */
  readonly id: string;
  /** The user whose Home tab it is. */
  readonly user: string;
  /** When it was published (emulator clock, milliseconds). */
  readonly at: number;
  /** How many times views.publish has published this user's Home tab since `reset()` (1 for the first). */
  readonly version: number;
  /** The view as views.publish answered it: the app's fields plus `id`, `hash`, `state`, `team_id`, `app_id`…. */
  readonly view: Readonly<Record<string, unknown>>;
}
