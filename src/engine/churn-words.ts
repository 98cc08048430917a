/**
 * Words that say a piece of work is about keeping customers, in the forms a title uses them (a
 * plural is stemmed already: see significantTokens): "customers who cancelled" and "churning
 * accounts" are as much about it as "churn".
 */
export const CHURN_WORDS: readonly string[] = [
  ...['churn', 'churned', 'churning'],
  ...['cancel', 'cancelled', 'canceled', 'cancelling', 'canceling', 'cancellation'],
  // Not 'retained' or 'retaining': "Retaining scroll position" is engineering, not customers.
  ...['retention', 'retain'],
  ...['downgrade', 'downgraded', 'downgrading', 'winback'],
];

/**
 * Words that make a goal's metric one of customers leaving (`ledgerly_churn`, `cancellation_rate`):
 * fewer than a title's, as a metric names a measure, not work. `cancel_button_clicks` counts
 * clicks and `data_retention_days` keeps data; a `retention_rate` of users coming back to an app
 * need not be paying customers.
 */
const CHURN_METRIC_WORDS: ReadonlySet<string> = new Set(['churn', 'churned', 'churning', 'cancellation']);

/** Whether a focus area's words (`retention`, `churn`) name customers leaving. */
export const namesChurnArea = (words: readonly string[]): boolean =>
  words.some((w) => CHURN_WORDS.includes(w));

/**
 * Words that name customers leaving whatever else a title says: a plan is what is downgraded
 * ("Ask why on every plan downgrade", "Win back agencies that downgraded to Starter").
 */
const CHURN_ALONE: ReadonlySet<string> = new Set([
  'churn',
  'churned',
  'churning',
  'winback',
  'downgrade',
  'downgraded',
  'downgrading',
]);
/**
 * Words that make a title's cancelling or retaining its customers': "customers who
 * cancelled", "cancel subscription", "cancellation survey and save offer". Without one, a title
 * cancels or retains something else: "Cancel a sent quote", "Let users cancel a scheduled
 * invoice", "Data retention settings" (a review found each taken for churn work).
 */
const CUSTOMER_WORDS: ReadonlySet<string> = new Set([
  'customer',
  'subscriber',
  'subscription',
  'account',
  'member',
  'survey',
  'offer',
  'save',
  'pause',
]);

/**
 * Whether a title's words (significant tokens: see significantTokens) name work on customers
 * leaving: churn or downgrading by name, or cancelling or retaining beside a word of customers.
 */
export const namesChurnWork = (words: readonly string[]): boolean =>
  words.some((w) => CHURN_ALONE.has(w)) ||
  (words.some((w) => CHURN_WORDS.includes(w)) && words.some((w) => CUSTOMER_WORDS.has(w)));

/** Whether a goal metric's words (see goalWords) measure customers leaving. */
export const namesChurn = (words: readonly string[]): boolean => words.some((w) => CHURN_METRIC_WORDS.has(w));
