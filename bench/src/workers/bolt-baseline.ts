import { App, HTTPReceiver } from '@slack/bolt';

// The baseline of the slash-command figure: a bare Bolt 5 app on the same HTTPReceiver (signature
// verification included) whose /ccc and button handlers only ack, and whose app_home_opened listener does nothing. Port, signing secret, token and Slack API URL in argv.
const [port = '0', signingSecret = '', token = '', slackApiUrl = ''] = process.argv.slice(2);

const receiver = new HTTPReceiver({
  signingSecret,
  endpoints: '/slack/events',
  customRoutes: [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});
const app = new App({
  receiver,
  clientOptions: { slackApiUrl },
  // Static identity, like the product's cached auth.test: no Slack call per request.
  authorize: async () => ({
    botToken: token,
    botId: 'B0SANDBOXBOT',
    botUserId: 'U0SANDBOXBOT',
    teamId: 'T0SANDBOX',
  }),
});
app.command('/ccc', async ({ ack }) => {
  await ack();
});
// The follow-up-click figure's baseline: any button is acked and nothing else.
app.action(/.+/, async ({ ack }) => {
  await ack();
});
// The home-opened figure's baseline: Bolt acknowledges an event on receipt; the listener does nothing.
app.event('app_home_opened', async () => {});
await app.start(Number(port));
process.once('SIGTERM', () => {
  app.stop().then(() => process.exit(0));
});
