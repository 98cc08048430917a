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
/** Verbs a title acts with: "cancel", "retain". Alone, they cancel or keep anything. */
const CHURN_VERBS: ReadonlySet<string> = new Set(['cancel', 'retain']);

/** The noun of customers leaving, said of whom it is said of right before it: "customer retention". */
const CHURN_NOUNS: ReadonlySet<string> = new Set(['retention']);

/** Whom a customer's leaving is said of: "customers who cancelled", "canceling subscribers". */
const CUSTOMER_WORDS: ReadonlySet<string> = new Set([
  'customer',
  'subscriber',
  'account',
  'member',
  'user',
  'client',
]);

/**
 * What work on those leaving does: "cancellation survey and save offer", "save offer when a member
 * cancels", "cancellation survey with pause-plan offer".
 */
const REMEDY_WORDS: ReadonlySet<string> = new Set(['survey', 'offer']);

/**
 * What work on the records of those who left does, as the law or the books ask: "Delete personal
 * data of cancelled customers", "Export invoices of cancelled accounts", "Refund cancelled
 * subscribers their unused days" (a fourth review found the first taken for churn work).
 */
const RECORD_WORDS: ReadonlySet<string> = new Set([
  'data',
  'delete',
  'purge',
  'anonymize',
  'anonymise',
  'gdpr',
  'export',
  'archive',
  'invoice',
  'receipt',
  'refund',
  'billing',
  'backup',
]);

/**
 * Whether a title's words (significant tokens: see significantTokens) name work on customers
 * leaving: churn or downgrading by name; cancelling said of customers ("customers who cancelled",
 * "canceling subscribers") or beside what wins them back ("cancellation survey and save offer",
 * "save offer when a member cancels"); retention said of customers ("customer retention emails").
 * Not work that cancels or keeps anything else, a customer's thing included, nor work that lets
 * customers cancel: "Cancel a sent quote", "Let customers cancel an order", "Cancel a customer's
 * order", "Let customers cancel their subscription in-app" (which raises the churn it measures),
 * "Save and cancel buttons", "Retain customer invoices for 7 years", "Customer data retention
 * policy" (two reviews found each taken for churn work), nor work on the records of customers who
 * cancelled (see RECORD_WORDS).
 */
export function namesChurnWork(words: readonly string[]): boolean {
  const remedy = words.some((o) => REMEDY_WORDS.has(o));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (CHURN_ALONE.has(w)) return true;
    if (!CHURN_WORDS.includes(w)) continue;
    if (remedy && (w.startsWith('cancel') || CHURN_NOUNS.has(w))) return true;
    if (CHURN_NOUNS.has(w)) {
      // Said of customers right before it: "customer retention", not "customer data retention".
      if (i > 0 && CUSTOMER_WORDS.has(words[i - 1] as string)) return true;
      continue;
    }
    if (CHURN_VERBS.has(w) || words.some((o) => RECORD_WORDS.has(o))) continue;
    if (words.some((o) => CUSTOMER_WORDS.has(o))) return true;
  }
  return false;
}

/** Whether a goal metric's words (see goalWords) measure customers leaving. */
export const namesChurn = (words: readonly string[]): boolean => words.some((w) => CHURN_METRIC_WORDS.has(w));
