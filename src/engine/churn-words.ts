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
/** Verbs a title acts with on what it names next: "cancel subscription", "retain customers". */
const CHURN_VERBS: ReadonlySet<string> = new Set(['cancel', 'retain']);

/** Whom a customer's leaving is said of, or what they take with them: a cancel verb's object. */
const CUSTOMER_WORDS: ReadonlySet<string> = new Set([
  'customer',
  'subscriber',
  'subscription',
  'account',
  'member',
  'membership',
  'user',
  'client',
  'plan',
]);

/**
 * Beside a customer word, what work on those who cancelled does: "cancellation survey and save
 * offer", "cancellation survey with pause-plan offer".
 */
const REMEDY_WORDS: ReadonlySet<string> = new Set(['survey', 'offer', 'save', 'pause']);

/**
 * Whether a title's words (significant tokens: see significantTokens) name work on customers
 * leaving: churn or downgrading by name; a customer's cancelling or retention said of them
 * anywhere in it ("customers who cancelled", "customer retention emails", "cancellation survey
 * and save offer"); or cancelling or retaining something a customer has, named next ("cancel
 * their subscription", "retain customers at renewal"). Not work that cancels or keeps something
 * else beside a customer word by chance: "Let customers cancel an order", "Save and cancel
 * buttons", "Cancel a pending team member invite", "Retain cart contents for returning customers",
 * "Data retention settings" (two reviews found each taken for churn work).
 */
export function namesChurnWork(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (CHURN_ALONE.has(w)) return true;
    if (!CHURN_WORDS.includes(w)) continue;
    if (CHURN_VERBS.has(w)) {
      // What it cancels or retains: the next word or the one after (`cancel their subscription`).
      for (let k = i + 1; k <= i + 2 && k < words.length; k++)
        if (CUSTOMER_WORDS.has(words[k] as string)) return true;
      continue;
    }
    if (words.some((o) => CUSTOMER_WORDS.has(o) || REMEDY_WORDS.has(o))) return true;
  }
  return false;
}

/** Whether a goal metric's words (see goalWords) measure customers leaving. */
export const namesChurn = (words: readonly string[]): boolean => words.some((w) => CHURN_METRIC_WORDS.has(w));
