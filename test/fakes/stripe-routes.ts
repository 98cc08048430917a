import { invoiceJson, lineJson, subscriptionJson } from './stripe-billing-shapes.js';
import { type ExpandDeps, type Expanded, expand } from './stripe-expand.js';
import { isAnswer, noSuch, type StripeAnswer, stripeError } from './stripe-http.js';
import type { StripeCaller } from './stripe-keys.js';
import { listPage } from './stripe-list.js';
import { readQuery } from './stripe-query.js';
import type { FakeStripeRecord } from './stripe-records.js';
import { type Resource, stripeResources } from './stripe-resources.js';
import {
  accountJson,
  couponJson,
  customerJson,
  discountJson,
  type Json,
  priceJson,
  productJson,
  tiersJson,
} from './stripe-shapes.js';
import type { StripeState } from './stripe-state.js';

export interface RouteRequest {
  caller: StripeCaller;
  /** The id in the path, for a retrieve. */
  id: string | undefined;
  params: URLSearchParams;
}

/** A GET endpoint: its path, the permission a restricted key needs for it, and what answers it. */
export interface Route {
  pattern: RegExp;
  permission: string;
  handle(request: RouteRequest): StripeAnswer;
}

/** Applies `expand[]` to a body and answers it, or answers why the expansion was refused. */
export type Expander = (
  body: Json,
  paths: string[],
  list: boolean,
  caller: StripeCaller,
) => StripeAnswer | null;

/** The references Stripe expands, the objects they name, and the permission reading each needs. */
function resolver(state: StripeState) {
  const { catalog, billing, shapes } = state;
  const as = <T>(
    found: T | undefined,
    json: (item: T) => Json,
    permission: string | null,
  ): Expanded | undefined => (found === undefined ? undefined : { json: json(found), permission });
  return (field: string, id: string): Expanded | undefined => {
    if (field === 'customer') return as(catalog.customers.get(id), customerJson, 'rak_customer_read');
    if (field === 'product') return as(catalog.products.get(id), productJson, 'rak_product_read');
    if (field === 'price') return as(catalog.prices.get(id), priceJson, 'rak_plan_read');
    if (field === 'coupon') return as(catalog.coupons.get(id), couponJson, 'rak_coupon_read');
    if (field === 'discounts') return as(billing.discounts.get(id), discountJson, null);
    if (field === 'latest_invoice' || field === 'invoice')
      return as(billing.invoices.get(id), (i) => invoiceJson(i, shapes), 'rak_invoice_read');
    if (field === 'subscription')
      return as(billing.subscriptions.get(id), (s) => subscriptionJson(s, shapes), 'rak_subscription_read');
    return undefined;
  };
}

/** "…; a similar object exists in test mode, but a live mode key was used to make this request." */
function otherMode(object: string, id: string, param: string, caller: StripeCaller): StripeAnswer {
  const [theirs, ours] = caller.livemode ? ['test', 'live'] : ['live', 'test'];
  return stripeError(
    404,
    `No such ${object}: '${id}'; a similar object exists in ${theirs} mode, but a ${ours} mode key was used to make this request.`,
    { code: 'resource_missing', param },
  );
}

function listRoute<T extends FakeStripeRecord>(r: Resource<T>, expandBody: Expander): Route {
  return {
    ...{ pattern: new RegExp(`^/v1/${r.path}$`), permission: r.permission },
    handle({ caller, params }) {
      const query = readQuery(params, r.filters, true);
      if (isAnswer(query)) return query;
      const keep = r.keep(query, caller.livemode);
      if (typeof keep !== 'function') return keep;
      const created = query.ranges.get('created');
      const plan = { collection: r.collection, object: r.object, livemode: caller.livemode, keep, created };
      const page = listPage(plan, query);
      if (isAnswer(page)) return page;
      const body = {
        object: 'list',
        data: page.data.map((item) => r.json(item)),
        has_more: page.hasMore,
        url: `/v1/${r.path}`,
      };
      return expandBody(body, query.expand, true, caller) ?? { status: 200, body };
    },
  };
}

function retrieveRoute<T extends FakeStripeRecord>(r: Resource<T>, expandBody: Expander): Route {
  return {
    ...{ pattern: new RegExp(`^/v1/${r.path}/([^/]+)$`), permission: r.permission },
    handle({ caller, id = '', params }) {
      const query = readQuery(params, {}, false);
      if (isAnswer(query)) return query;
      const item = r.collection.get(id);
      if (!item) return noSuch(r.object, id, r.idParam, 404);
      if (item.livemode !== caller.livemode) return otherMode(r.object, id, r.idParam, caller);
      const body = r.json(item);
      return expandBody(body, query.expand, false, caller) ?? { status: 200, body };
    },
  };
}

/** A line cursor must name a line of this invoice (Stripe: 400 `resource_missing`). */
function linePosition(lines: readonly { id: string }[], id: string, param: string): number | StripeAnswer {
  const at = lines.findIndex((l) => l.id === id);
  return at < 0 ? noSuch('invoice line item', id, param) : at;
}

/**
 * `GET /v1/invoices/:id/lines`: every line of one invoice in the invoice's order, paged as any
 * list (`starting_after` continues after its line, `ending_before` gives the lines just before).
 */
function invoiceLinesRoute(state: StripeState, expandBody: Expander): Route {
  return {
    ...{ pattern: /^\/v1\/invoices\/([^/]+)\/lines$/, permission: 'rak_invoice_read' },
    handle({ caller, id = '', params }) {
      const query = readQuery(params, {}, true);
      if (isAnswer(query)) return query;
      const invoice = state.billing.invoices.get(id);
      if (!invoice) return noSuch('invoice', id, 'invoice', 404);
      if (invoice.livemode !== caller.livemode) return otherMode('invoice', id, 'invoice', caller);
      const { lines } = invoice;
      let [from, to] = [0, lines.length];
      if (query.startingAfter !== null) {
        const at = linePosition(lines, query.startingAfter, 'starting_after');
        if (isAnswer(at)) return at;
        from = at + 1;
      }
      if (query.endingBefore !== null) {
        const at = linePosition(lines, query.endingBefore, 'ending_before');
        if (isAnswer(at)) return at;
        [from, to] = [Math.max(0, at - query.limit), at];
      }
      const page = lines.slice(from, Math.min(to, from + query.limit));
      const body = {
        object: 'list',
        data: page.map((line) => lineJson(invoice, line, state.shapes)),
        has_more: query.endingBefore !== null ? from > 0 : from + page.length < lines.length,
        url: `/v1/invoices/${id}/lines`,
      };
      return expandBody(body, query.expand, true, caller) ?? { status: 200, body };
    },
  };
}

/**
 * The endpoints the fake serves, all reads: the account, list and retrieve for subscriptions,
 * invoices, products, prices, customers, coupons and events, and an invoice's lines. `check`
 * answers a restricted key's 403 for what an expansion reaches.
 */
export function stripeRoutes(
  state: StripeState,
  check: (caller: StripeCaller, permission: string) => StripeAnswer | null,
): Route[] {
  const resolve = resolver(state);
  const include = (node: Json, field: string) => {
    const price =
      node.object === 'price' && field === 'tiers' ? state.catalog.prices.get(String(node.id)) : undefined;
    return price === undefined ? undefined : { value: tiersJson(price) };
  };
  const expandBody: Expander = (body, paths, list, caller) => {
    const deps: ExpandDeps = { resolve, include, check: (permission) => check(caller, permission) };
    return expand(body, paths, list, deps);
  };
  const account: Route = {
    ...{ pattern: /^\/v1\/account$/, permission: 'rak_accounts_kyc_basic_read' },
    handle({ caller, params }) {
      const query = readQuery(params, {}, false);
      if (isAnswer(query)) return query;
      const body = accountJson(state.account);
      return expandBody(body, query.expand, false, caller) ?? { status: 200, body };
    },
  };
  const both = <T extends FakeStripeRecord>(r: Resource<T>) => [
    listRoute(r, expandBody),
    retrieveRoute(r, expandBody),
  ];
  const r = stripeResources(state);
  return [
    account,
    ...both(r.subscriptions),
    ...both(r.invoices),
    invoiceLinesRoute(state, expandBody),
    ...both(r.products),
    ...both(r.prices),
    ...both(r.customers),
    ...both(r.coupons),
    ...both(r.events),
  ];
}
