import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../../fakes/stripe-api.js';
import {
  deliverStripeEvent,
  invoiceEvent,
  signStripePayload,
  stripeEvent,
  subscriptionEvent,
} from '../../fakes/stripe-webhooks.js';

const SECRET = 'whsec_goalpost0000000000000000000000000000';
/** stripe-node's webhook helpers need no API key to work; this one is never sent anywhere. */
const stripe = new Stripe('sk_test_unused');
const now = () => Math.floor(Date.now() / 1000);

let fake: FakeStripe | null = null;
let server: Server | null = null;
afterEach(async () => {
  await fake?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  fake = null;
  server = null;
});

/** A fake account with one monthly subscription; returns the fake and the subscription's id. */
async function account() {
  fake = await startFakeStripe();
  const product = fake.addProduct({ name: 'Quiz Builder' });
  const price = fake.addPrice({ product: product.id, unitAmount: 1500, recurring: { interval: 'month' } });
  const customer = fake.addCustomer({ email: 'ana@example.com' });
  const sub = fake.addSubscription({ customer: customer.id, items: [{ price: price.id }] });
  return { fake, id: sub.id };
}

/** A receiver built on stripe.webhooks.constructEvent over the raw body: what it takes, Stripe's signatures pass. */
async function receiver() {
  const received: Array<{ event: Stripe.Event; headers: IncomingHttpHeaders; body: string }> = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature']), SECRET);
        received.push({ event, headers: req.headers, body });
        res.writeHead(200).end('{"received":true}');
      } catch (error) {
        res.writeHead(400).end((error as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/stripe/webhook`, received };
}

describe('fake Stripe webhook signatures', () => {
  it('signs as Stripe signs: constructEvent takes the signature with the secret and no other', async () => {
    const { fake, id } = await account();
    const body = JSON.stringify(fake.announceSubscription(id), null, 2);
    const at = now();
    const header = signStripePayload(SECRET, body, at);
    expect(header).toMatch(new RegExp(`^t=${at},v1=[0-9a-f]{64}$`));
    expect(header).toBe(
      stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: at }),
    );
    expect(stripe.webhooks.constructEvent(body, header, SECRET)).toMatchObject({
      type: 'customer.subscription.created',
      data: { object: { id } },
    });
    expect(() =>
      stripe.webhooks.constructEvent(body, signStripePayload('whsec_other', body, at), SECRET),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('is refused once older than the tolerance (300 s unless told otherwise), and taken within it', async () => {
    const { fake, id } = await account();
    const body = JSON.stringify(fake.announceSubscription(id), null, 2);
    const stale = signStripePayload(SECRET, body, now() - 301);
    expect(() => stripe.webhooks.constructEvent(body, stale, SECRET)).toThrow(
      /Timestamp outside the tolerance zone/,
    );
    expect(stripe.webhooks.constructEvent(body, stale, SECRET, 600).id).toBeTruthy();
    expect(
      stripe.webhooks.constructEvent(body, signStripePayload(SECRET, body, now() - 290), SECRET).id,
    ).toBeTruthy();
  });

  it('signs once per secret while a secret is rolled, and either secret verifies', async () => {
    const { fake, id } = await account();
    const body = JSON.stringify(fake.announceSubscription(id), null, 2);
    const header = signStripePayload([SECRET, 'whsec_rolled'], body);
    expect(header.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    for (const secret of [SECRET, 'whsec_rolled'])
      expect(stripe.webhooks.constructEvent(body, header, secret).id).toBeTruthy();
  });
});

describe('fake Stripe webhook deliveries', () => {
  it('delivers as Stripe delivers, and a receiver on constructEvent takes the event', async () => {
    const { fake, id } = await account();
    const { url, received } = await receiver();
    const event = fake.cancelSubscription(id);
    const result = await deliverStripeEvent(url, { event, secret: SECRET });
    expect(result.status).toBe(200);
    const [got] = received;
    expect(got?.event).toEqual(event);
    expect(got?.headers).toMatchObject({
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/),
    });
    // Stripe pretty-prints: a receiver that verifies a re-serialised body would refuse its own deliveries.
    expect(got?.body).toBe(JSON.stringify(event, null, 2));
    const compact = JSON.stringify(JSON.parse(got?.body ?? '{}'));
    expect(() =>
      stripe.webhooks.constructEvent(compact, String(got?.headers['stripe-signature']), SECRET),
    ).toThrow();
  });

  it('plays forgeries: a tampered body, a missing signature, a replayed old one', async () => {
    const { fake, id } = await account();
    const { url, received } = await receiver();
    const event = fake.updateSubscription(id, { metadata: { plan: 'pro' } });
    const body = JSON.stringify(event, null, 2);
    const tampered = body.replace('"pro"', '"enterprise"');
    const cases = [
      { event, secret: SECRET, rawBody: tampered, signature: signStripePayload(SECRET, body) },
      { event, secret: SECRET, signature: null },
      { event, secret: SECRET, timestamp: now() - 3600 },
      { event, secret: 'whsec_someone_else' },
    ];
    for (const delivery of cases) expect((await deliverStripeEvent(url, delivery)).status).toBe(400);
    expect(received).toEqual([]);
    const sent = await deliverStripeEvent(url, { event, secret: SECRET, rawBody: tampered });
    expect(sent.status).toBe(200);
    expect(received[0]?.event.data.object).toMatchObject({ metadata: { plan: 'enterprise' } });
  });
});

describe('fake Stripe events', () => {
  it('builds events as Stripe sends them, and refuses ones Stripe never sends', async () => {
    const { fake, id } = await account();
    const subscription = fake.retrieve(id);
    const connect = stripeEvent('customer.subscription.created', subscription, {
      account: 'acct_1Connected',
      created: 1,
    });
    expect(connect).toMatchObject({
      ...{ object: 'event', account: 'acct_1Connected', api_version: Stripe.API_VERSION, created: 1 },
      ...{ livemode: false, pending_webhooks: 1, type: 'customer.subscription.created' },
      data: { object: subscription },
    });
    expect(connect.id).toMatch(/^evt_1[A-Za-z0-9]{23}$/);
    expect(subscriptionEvent('customer.subscription.created', subscription)).not.toHaveProperty('account');
    expect(() => subscriptionEvent('customer.subscription.updated', subscription)).toThrow(
      /previousAttributes/,
    );
    expect(() => subscriptionEvent('customer.subscription.deleted', subscription)).toThrow(
      /canceled subscription/,
    );
    const open = fake.retrieve(fake.addInvoice({ subscription: id, status: 'open' }).id);
    expect(() => invoiceEvent('invoice.paid', open)).toThrow(/paid invoice/);
    expect(() => invoiceEvent('invoice.payment_failed', open)).toThrow(/was attempted/);
    expect(() => invoiceEvent('invoice.paid', subscription)).toThrow(/carries an invoice/);
  });
});
