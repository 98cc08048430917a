// A Bolt app that only acks `/goalpost` and reaction events, served on 127.0.0.1 in its own
// process: the baseline of the ack bench. Prints "listening on <url>"; SIGTERM stops it.
import { createServer } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
});
const app = new App({
  receiver,
  token: 'xoxb-bench',
  ...(process.env.SLACK_API_URL ? { clientOptions: { slackApiUrl: process.env.SLACK_API_URL } } : {}),
});
app.command('/goalpost', async ({ ack }) => ack());
app.event('reaction_added', async () => {});
const server = createServer(receiver.requestListener);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
