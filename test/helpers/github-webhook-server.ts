import { createGitHubWebhookHandler } from '../../adapters/github/webhook-handler.js';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.js';
import { fixedClock, type Goalpost, silentLogger } from '../../src/index.js';
import { FIXTURE_NOW, OPERATOR } from './goalpost-fixture.js';

/** `repo` connected to the fixture's Basic EDU Apps, as `github connect` would leave it. */
export function connectRepo(app: Goalpost, repo: string): void {
  const plan = app.github.planConnect(OPERATOR, { repo, project: 'Basic EDU Apps' });
  app.github.connect(OPERATOR, plan, { fullName: repo, htmlUrl: `https://github.com/${repo}` });
}

/** The real HTTP server with the GitHub webhook mounted, on 127.0.0.1: its URL to deliver to. */
export async function serveGitHubWebhook(
  app: Goalpost,
  secret: string,
): Promise<{ server: HttpServer; url: string }> {
  const server = createHttpServer({ app, logger: silentLogger, clock: fixedClock(FIXTURE_NOW) });
  server.mount('/github/webhook', createGitHubWebhookHandler({ app, secret, logger: silentLogger }));
  return { server, url: `${(await server.listen(0, '127.0.0.1')).url}/github/webhook` };
}
