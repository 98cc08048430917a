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

/** Words that name customers leaving whatever else a title says. */
const CHURN_ALONE: ReadonlySet<string> = new Set(['churn', 'churned', 'churning', 'winback']);

/**
 * Customers giving up part of what they pay: a plan is what is downgraded ("Ask why on every plan
 * downgrade", "Win back agencies that downgraded to Starter").
 */
const DOWNGRADE_WORDS: ReadonlySet<string> = new Set(['downgrade', 'downgraded', 'downgrading']);

/**
 * What work that lets customers do something says: "Let customers downgrade their plan in-app",
 * "Self-serve plan upgrade and downgrade" (an upgrade beside it is switching plans either way).
 * Downgrading made easier is contraction, as cancelling in-app is leaving (a fifth review found
 * such a feature claim a churn rise, and the rise get no work for two weeks).
 */
const ENABLING_WORDS: ReadonlySet<string> = new Set(['let', 'allow', 'enable', 'self', 'upgrade']);
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
 * Whether a title's words name what wins those leaving back (see REMEDY_WORDS). A title that starts
 * with "Offer" says what it offers and to whom: to customers ("Offer a discount to customers who
 * cancel"), or not ("Offer cancelled slots to waitlisted patients", a clinic's appointments).
 */
function namesRemedy(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!REMEDY_WORDS.has(w)) continue;
    if (i > 0 || w !== 'offer' || words.some((o) => CUSTOMER_WORDS.has(o))) return true;
  }
  return false;
}

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
 * leaving: churn by name, downgrading unless the work lets customers do it (see ENABLING_WORDS)
 * when not instead of cancelling; cancelling said of customers ("customers who cancelled",
 * "canceling subscribers") or beside what wins them back ("cancellation survey and save offer",
 * "save offer when a member cancels") or as what the work is instead of ("Pause subscription
 * instead of cancelling"); retention said of customers ("customer retention emails").
 * Not work that cancels or keeps anything else, a customer's thing included, nor work that lets
 * customers cancel: "Cancel a sent quote", "Let customers cancel an order", "Cancel a customer's
 * order", "Let customers cancel their subscription in-app" (which raises the churn it measures),
 * "Save and cancel buttons", "Retain customer invoices for 7 years", "Customer data retention
 * policy" (two reviews found each taken for churn work), nor work on the records of customers who
 * cancelled (see RECORD_WORDS).
 */
export function namesChurnWork(words: readonly string[]): boolean {
  const remedy = namesRemedy(words);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (CHURN_ALONE.has(w)) return true;
    if (DOWNGRADE_WORDS.has(w)) {
      const enabling = words.some((o) => ENABLING_WORDS.has(o));
      if (!enabling || words.some((o) => o.startsWith('cancel'))) return true;
      continue;
    }
    if (!CHURN_WORDS.includes(w)) continue;
    if (remedy && (w.startsWith('cancel') || CHURN_NOUNS.has(w))) return true;
    if (CHURN_NOUNS.has(w)) {
      // Said of customers right before it: "customer retention", not "customer data retention".
      if (i > 0 && CUSTOMER_WORDS.has(words[i - 1] as string)) return true;
      continue;
    }
    if (CHURN_VERBS.has(w) || words.some((o) => RECORD_WORDS.has(o))) continue;
    // What customers get instead of leaving: "Pause subscription instead of cancelling" (a review
    // found it read as no retention work, beside a win-back offer "for customers who cancel"); not
    // "Void invoices instead of cancelling them", work on records.
    if (i > 0 && words[i - 1] === 'instead') return true;
    if (words.some((o) => CUSTOMER_WORDS.has(o))) return true;
  }
  return false;
}

/** Whether a goal metric's words (see goalWords) measure customers leaving. */
export const namesChurn = (words: readonly string[]): boolean => words.some((w) => CHURN_METRIC_WORDS.has(w));
