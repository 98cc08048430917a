import { type Answer, asJson, type Json, noContent, ok, REFUSALS, snowflakeTime } from './discord-http.js';
import { callbackProblems, invalidFormBody, isEmptyMessage, messageProblems } from './discord-validate.js';

type Params = Record<string, string>;
type Handler = (p: Params, body: Json, query: Params) => Answer;

/** Discord's window for the first answer to an interaction, and for its token afterwards. */
const FIRST_ANSWER_MS = 3_000;
const TOKEN_MS = 15 * 60_000;

/** An interaction's first answer, by its token. */
interface Acknowledged {
  id: string;
  type: number;
  /** The message `@original` names: the reply (4, 5) or the message a component sits on (6, 7). */
  original: string | undefined;
}

export interface InteractionState {
  applicationId: string;
  /** Interaction callbacks accepted, in order. */
  responses: Array<{ id: string; token: string; type: number; data: unknown }>;
  /** The message a component interaction came from, by interaction id (told by the gateway fake). */
  sources: Map<string, string>;
  messages: Map<string, Json>;
  post(channelId: string, body: Json, extra?: Json): Json;
  edit(id: string | undefined, body: Json): Answer;
}

/**
 * The interaction routes as Discord answers them: one first answer per interaction, within 3 s of
 * its creation (10062 after, 40060 for a second); follow-ups and edits only once it is answered
 * (10015 Unknown Webhook before) and for 15 minutes (50027 after); every body checked (50035).
 */
export function interactionRoutes(state: InteractionState): Array<[string, string, Handler]> {
  const acked = new Map<string, Acknowledged>();
  const ackedAt = new Map<string, number>();

  const callback: Handler = (p, b, q) => {
    const { id = '', token = '' } = p;
    const created = snowflakeTime(id);
    if (created === null || Date.now() - created > FIRST_ANSWER_MS) return REFUSALS.unknownInteraction;
    if (state.responses.some((r) => r.id === id)) return REFUSALS.alreadyAcknowledged;
    const type = Number(b.type);
    const problems = callbackProblems(type, b.data);
    if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
    const data = asJson(b.data);
    if (type === 4 && isEmptyMessage(data)) return REFUSALS.emptyMessage;
    state.responses.push({ id, token, type, data: b.data });
    let original: Json | undefined;
    if (type === 4 || type === 5) {
      const extra = { webhook_id: state.applicationId, application_id: state.applicationId };
      // A deferred reply shows "is thinking…" (flag 128), ephemeral when the defer asked (flag 64).
      original = state.post('0', type === 4 ? data : { flags: 128 | Number(data.flags ?? 0) }, extra);
    }
    const source = state.sources.get(id);
    if (type === 7 && source) state.edit(source, data);
    if (type !== 8) {
      acked.set(token, { id, type, original: original ? String(original.id) : source });
      ackedAt.set(token, created);
    }
    if (q.with_response !== 'true') return noContent;
    const interaction = { id, type: 2, response_message_loading: type === 5 };
    return ok({ interaction, resource: { type, ...(original ? { message: original } : {}) } });
  };

  /** The interaction behind a webhook token, or why Discord refuses it. */
  const hook = (p: Params): Acknowledged | Answer => {
    const found = p.app === state.applicationId ? acked.get(p.token ?? '') : undefined;
    if (!found) return REFUSALS.unknownWebhook;
    if (Date.now() - (ackedAt.get(p.token ?? '') ?? 0) > TOKEN_MS) return REFUSALS.invalidWebhookToken;
    return found;
  };
  const refused = (h: Acknowledged | Answer): h is Answer => 'status' in h;
  const messageOf = (h: Acknowledged, p: Params): string | undefined =>
    p.message === '@original' ? h.original : p.message;
  const checked = (b: Json, create: boolean): Answer | null => {
    const problems = messageProblems(b);
    if (problems.length > 0) return { status: 400, body: invalidFormBody(problems) };
    return create && isEmptyMessage(b) ? REFUSALS.emptyMessage : null;
  };

  const HOOK = '/webhooks/:app/:token/messages/:message';
  return [
    ['POST', '/interactions/:id/:token/callback', callback],
    [
      'POST',
      '/webhooks/:app/:token',
      (p, b, q) => {
        const h = hook(p);
        if (refused(h)) return h;
        const bad = checked(b, true);
        if (bad) return bad;
        const sent = state.post('0', b, { webhook_id: p.app, application_id: p.app });
        return q.wait === 'true' ? ok(sent) : noContent;
      },
    ],
    [
      'GET',
      HOOK,
      (p) => {
        const h = hook(p);
        if (refused(h)) return h;
        const m = state.messages.get(messageOf(h, p) ?? '');
        return m ? ok(m) : REFUSALS.unknownMessage;
      },
    ],
    [
      'PATCH',
      HOOK,
      (p, b) => {
        const h = hook(p);
        if (refused(h)) return h;
        return checked(b, false) ?? state.edit(messageOf(h, p), b);
      },
    ],
    [
      'DELETE',
      HOOK,
      (p) => {
        const h = hook(p);
        if (refused(h)) return h;
        return state.messages.delete(messageOf(h, p) ?? '') ? noContent : REFUSALS.unknownMessage;
      },
    ],
  ];
}
