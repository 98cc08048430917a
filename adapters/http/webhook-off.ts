import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerRefusal } from './raw-body.js';

/**
 * What answers a service's webhook while the variable that turns it on is unset: a 404 naming
 * it. A bare "no route" sent a person whose secret was misspelt looking for a wrong URL.
 */
export function createWebhookOffHandler(variable: string, events: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    answerRefusal(
      res,
      404,
      'E_NOT_FOUND',
      `set ${variable} to receive ${events}; this webhook is off without it`,
    );
    req.resume();
  };
}
