import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

/** Gateway opcodes the fake speaks (discord.com/developers/docs/topics/opcodes-and-status-codes#gateway). */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;

export interface FakeGatewayOptions {
  /** The bot user READY names, and its application. */
  bot: { id: string; username: string };
  applicationId: string;
  /** The only token IDENTIFY may carry; anything else is closed with 4004 Authentication failed. */
  token: string;
  /**
   * The guild GUILD_CREATE delivers, with its text channels and roles (besides @everyone):
   * discord.js knows a member's roles only through the guild's role cache.
   */
  guild: { id: string; name: string; channels: string[]; roles?: string[] };
  /** HELLO's heartbeat interval (ms). */
  heartbeatIntervalMs?: number;
}

/** A local stand-in for Discord's gateway (v10, JSON, no compression), recording what it was sent. */
export interface FakeGateway {
  /** `ws://127.0.0.1:PORT`: what `GET /gateway/bot` should answer. */
  readonly url: string;
  /** Every payload the client sent, in order. */
  readonly received: Json[];
  /** Resolves once a client has identified and was sent READY and GUILD_CREATE. */
  identified(timeoutMs?: number): Promise<void>;
  /** Sends a dispatch (op 0) to every connected client, numbered in sequence. */
  dispatch(event: string, data: Json): void;
  close(): Promise<void>;
}

/**
 * Discord's gateway handshake, as discord.js expects it: HELLO with the heartbeat interval on
 * connect, IDENTIFY (token checked) answered by READY (the guild unavailable) then GUILD_CREATE,
 * and each heartbeat answered with an ACK. Events are then dispatched by the test. GUILD_CREATE
 * lists the guild's active threads, as Discord does (a bot sees every active thread it can
 * view): those the fake told of (THREAD_CREATE, THREAD_UPDATE) and not archived or deleted since,
 * so a client connecting again knows the threads it started before.
 */
export async function startFakeGateway(options: FakeGatewayOptions): Promise<FakeGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const received: Json[] = [];
  const clients = new Set<WebSocket>();
  let seq = 0;
  let ready: () => void = () => {};
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const send = (ws: WebSocket, payload: Json): void => ws.send(JSON.stringify(payload));
  const dispatchTo = (ws: WebSocket, t: string, d: Json): void => {
    seq += 1;
    send(ws, { op: OP.dispatch, t, s: seq, d });
  };
  const { bot, guild } = options;
  /** The guild's threads, as the last THREAD_CREATE or THREAD_UPDATE dispatched gave each. */
  const threads = new Map<string, Json>();
  const noteThread = (event: string, data: Json): void => {
    const id = String(data.id ?? '');
    if (event === 'THREAD_DELETE') threads.delete(id);
    else if (event === 'THREAD_CREATE' || event === 'THREAD_UPDATE') {
      const { newly_created: _, ...thread } = { ...threads.get(id), ...data };
      threads.set(id, thread);
    }
  };
  const activeThreads = (): Json[] =>
    [...threads.values()].filter((t) => (t.thread_metadata as Json | undefined)?.archived !== true);
  const guildCreate = (): Json => ({
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '1150000000000000999',
    unavailable: false,
    large: false,
    member_count: 4,
    joined_at: new Date().toISOString(),
    features: [],
    roles: [guild.id, ...(guild.roles ?? [])].map((id, position) => ({
      id,
      name: position === 0 ? '@everyone' : `role-${position}`,
      permissions: '0',
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    })),
    channels: guild.channels.map((id, position) => ({
      id,
      type: 0,
      name: `channel-${position}`,
      guild_id: guild.id,
      position,
      permission_overwrites: [],
    })),
    ...{
      members: [],
      threads: activeThreads(),
      presences: [],
      voice_states: [],
      emojis: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    },
  });

  server.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    send(ws, { op: OP.hello, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 } });
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as Json;
      received.push(payload);
      if (payload.op === OP.heartbeat) send(ws, { op: OP.heartbeatAck });
      if (payload.op !== OP.identify) return;
      const token = String((payload.d as Json | undefined)?.token ?? '').replace(/^Bot /, '');
      if (token !== options.token) {
        ws.close(4004, 'Authentication failed.');
        return;
      }
      dispatchTo(ws, 'READY', {
        v: 10,
        user: { ...bot, discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
        guilds: [{ id: guild.id, unavailable: true }],
        session_id: 'fake-session',
        resume_gateway_url: url,
        shard: [0, 1],
        application: { id: options.applicationId, flags: 0 },
      });
      dispatchTo(ws, 'GUILD_CREATE', guildCreate());
      ready();
    });
  });

  return {
    url,
    received,
    identified: (timeoutMs = 10_000) =>
      Promise.race([
        isReady,
        new Promise<void>((_, reject) =>
          setTimeout(
            () => reject(new Error(`fake gateway: no IDENTIFY within ${timeoutMs} ms`)),
            timeoutMs,
          ).unref(),
        ),
      ]),
    dispatch(event, data) {
      noteThread(event, data);
      for (const ws of clients) dispatchTo(ws, event, data);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of clients) ws.terminate();
        server.close(() => resolve());
      }),
  };
}
