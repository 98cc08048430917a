import { totalOf } from './stripe-invoices.js';
import type {
  FakeStripeAccount,
  FakeStripeInvoice,
  FakeStripeInvoiceLine,
  FakeStripePrice,
  FakeStripeSubscription,
  FakeStripeSubscriptionItem,
} from './stripe-records.js';
import { type Json, planJson, priceJson } from './stripe-shapes.js';
import { currentPeriod } from './stripe-subscriptions.js';

/** What subscription and invoice JSON reads beyond the record: prices, and now. */
export interface BillingShapeDeps {
  price(id: string): FakeStripePrice;
  now(): number;
  account: FakeStripeAccount;
}

/** `{object: "list"}` for a list embedded in an object (items, lines): all of it, one page. */
const embeddedList = (data: Json[], url: string): Json => ({
  ...{ object: 'list', data, has_more: false, total_count: data.length, url },
});

/**
 * A subscription as the API writes it at the version the fake serves: billing periods on the
 * items (not the subscription, since 2025), the price inline on each item (never an id),
 * `discounts` as ids, and `customer` and `latest_invoice` as ids until expanded.
 */
export function subscriptionJson(sub: FakeStripeSubscription, deps: BillingShapeDeps): Json {
  const period = currentPeriod(sub, deps.price(sub.items[0]?.price ?? ''), deps.now());
  const items = sub.items.map((item) => itemJson(sub, item, period, deps));
  // One plain literal, as invoiceJson: spreading small objects into it costs a copy each.
  return {
    id: sub.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: sub.billingCycleAnchor,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_thresholds: null,
    cancel_at: sub.cancelAt,
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    canceled_at: sub.canceledAt,
    cancellation_details: { comment: null, feedback: null, reason: sub.cancellationReason },
    collection_method: 'charge_automatically',
    created: sub.created,
    currency: sub.currency,
    customer: sub.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: sub.discounts.map((d) => d.id),
    ended_at: sub.endedAt,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: embeddedList(items, `/v1/subscription_items?subscription=${sub.id}`),
    latest_invoice: sub.latestInvoice,
    livemode: sub.livemode,
    metadata: sub.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: sub.startDate,
    status: sub.status,
    test_clock: null,
    transfer_data: null,
    trial_end: sub.trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: sub.trialStart,
  };
}

function itemJson(
  sub: FakeStripeSubscription,
  item: FakeStripeSubscriptionItem,
  period: { start: number; end: number },
  deps: BillingShapeDeps,
): Json {
  const price = deps.price(item.price);
  return {
    id: item.id,
    object: 'subscription_item',
    billing_thresholds: null,
    created: item.created,
    current_period_end: period.end,
    current_period_start: period.start,
    discounts: [],
    metadata: item.metadata,
    plan: planJson(price),
    price: priceJson(price),
    // A metered price bills the usage reported: its item has no quantity.
    ...(price.usageType === 'metered' ? {} : { quantity: item.quantity }),
    subscription: sub.id,
    tax_rates: [],
  };
}

/** Since 2025 a line says what backs it under `parent`: a subscription item or an invoice item. */
function lineParent(invoice: FakeStripeInvoice, line: FakeStripeInvoiceLine): Json {
  const proration = { proration: line.proration, proration_details: { credited_items: null } };
  if (line.subscriptionItem !== null)
    return {
      ...{ invoice_item_details: null, type: 'subscription_item_details' },
      subscription_item_details: {
        ...{ invoice_item: null, ...proration },
        ...{ subscription: invoice.subscription, subscription_item: line.subscriptionItem },
      },
    };
  return {
    type: 'invoice_item_details',
    invoice_item_details: {
      invoice_item: line.invoiceItem,
      ...proration,
      subscription: invoice.subscription,
    },
    subscription_item_details: null,
  };
}

export function lineJson(
  invoice: FakeStripeInvoice,
  line: FakeStripeInvoiceLine,
  deps: BillingShapeDeps,
): Json {
  const price = deps.price(line.price);
  return {
    id: line.id,
    object: 'line_item',
    amount: line.amount,
    currency: invoice.currency,
    description: null,
    discount_amounts: line.discountAmounts.map((d) => ({ ...d })),
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    livemode: invoice.livemode,
    ...{ metadata: {}, parent: lineParent(invoice, line) },
    ...{ period: { end: line.periodEnd, start: line.periodStart }, pretax_credit_amounts: [] },
    pricing: {
      price_details: { price: price.id, product: price.product },
      ...{ type: 'price_details', unit_amount_decimal: String(line.amount / Math.max(1, line.quantity)) },
    },
    ...{ quantity: line.quantity, subscription: invoice.subscription, subtotal: line.amount, taxes: [] },
  };
}

/** An invoice shows its first ten lines; `GET /v1/invoices/:id/lines` pages through them all. */
const EMBEDDED_LINES = 10;

/** Each discount the invoice applied, with what it took off all the lines together. */
function discountTotals(inv: FakeStripeInvoice): Json[] {
  return inv.discounts.map((discount) => ({
    amount: inv.lines.reduce(
      (sum, l) =>
        sum + l.discountAmounts.reduce((off, d) => off + (d.discount === discount ? d.amount : 0), 0),
      0,
    ),
    discount,
  }));
}

/** Since 2025 an invoice names its subscription under `parent.subscription_details`, not at the top. */
export function invoiceJson(inv: FakeStripeInvoice, deps: BillingShapeDeps): Json {
  const { account } = deps;
  const open = inv.status === 'open';
  const subtotal = inv.lines.reduce((sum, l) => sum + l.amount, 0);
  const total = totalOf(inv.lines);
  const parent = inv.subscription && {
    quote_details: null,
    subscription_details: { metadata: {}, subscription: inv.subscription },
    type: 'subscription_details',
  };
  // One plain literal, field by field: a bench serves hundreds of thousands of these, and spreading
  // small objects into a large one costs V8 an allocation and a copy for each.
  return {
    id: inv.id,
    object: 'invoice',
    account_country: account.country,
    account_name: account.displayName,
    account_tax_ids: null,
    amount_due: inv.amountDue,
    amount_overpaid: 0,
    amount_paid: inv.amountPaid,
    amount_remaining: open ? inv.amountDue - inv.amountPaid : 0,
    amount_shipping: 0,
    application: null,
    attempt_count: inv.attemptCount,
    attempted: inv.attemptCount > 0,
    auto_advance: inv.status === 'draft' || open,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: inv.billingReason,
    collection_method: 'charge_automatically',
    created: inv.created,
    currency: inv.currency,
    custom_fields: null,
    customer: inv.customer,
    customer_account: null,
    customer_address: null,
    customer_email: null,
    customer_name: null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [...inv.discounts],
    due_date: null,
    effective_at: inv.finalizedAt,
    ending_balance: inv.status === 'draft' ? null : 0,
    footer: null,
    from_invoice: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: 'list',
      data: inv.lines.slice(0, EMBEDDED_LINES).map((line) => lineJson(inv, line, deps)),
      has_more: inv.lines.length > EMBEDDED_LINES,
      total_count: inv.lines.length,
      url: `/v1/invoices/${inv.id}/lines`,
    },
    livemode: inv.livemode,
    metadata: inv.metadata,
    next_payment_attempt: null,
    number: inv.number,
    on_behalf_of: null,
    parent,
    period_end: inv.periodEnd,
    period_start: inv.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: inv.status,
    status_transitions: {
      finalized_at: inv.finalizedAt,
      marked_uncollectible_at: inv.markedUncollectibleAt,
      paid_at: inv.paidAt,
      voided_at: inv.voidedAt,
    },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: null,
    total,
    total_discount_amounts: discountTotals(inv),
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: inv.finalizedAt,
  };
}
