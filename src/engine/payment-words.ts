/**
 * Payments work, named in the words teams title it with. A focus area on payments (`payments`,
 * `billing`, `payment_integration`) is named by a title that says any of them: a review's GitHub
 * backlog of "Stripe Checkout for school licences", "Refund button charges customers twice" and
 * "Invoice PDF shows wrong VAT rate", on a project of payments, onboarding and retention, read
 * each as "its title names none of its project's focus areas, so it counts as the least of them:
 * retention". Only words that say money changing hands: not `card` (a kanban card), `bill` (of
 * materials), `subscription` (to a newsletter), `tax` (a report of it), `pay` (a teacher's pay
 * scale, paying down tech debt), `charge` (the person in charge, a battery's) or `stripe` (zebra
 * stripes in a table: words are read stemmed), which a review found naming payments work. A later
 * review's "Stripe SEPA direct debit" named none: a payment method, or a payout, is money moving.
 */
const PAYMENT_WORDS: ReadonlySet<string> = new Set([
  'payment',
  'checkout',
  'billing',
  'invoice',
  'invoicing',
  'refund',
  'chargeback',
  'dunning',
  'paypal',
  'sepa',
  'debit',
  'iban',
  'payout',
]);

/** The words of a focus area that make it one on payments. */
const PAYMENT_AREA_WORDS: ReadonlySet<string> = new Set([
  'payment',
  'billing',
  'checkout',
  'monetization',
  'monetisation',
]);

/** Whether a focus area's head words (see headWordsOf) make it one on payments. */
export const namesPaymentArea = (areaWords: readonly string[]): boolean =>
  areaWords.some((w) => PAYMENT_AREA_WORDS.has(w));

/** Whether a title's significant words name payments work. */
export const namesPaymentWork = (titleWords: readonly string[]): boolean =>
  titleWords.some((w) => PAYMENT_WORDS.has(w));
