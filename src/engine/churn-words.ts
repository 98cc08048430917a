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

/** Whether some of `words` (significant tokens: see significantTokens) name work on customers leaving. */
export const namesChurnWork = (words: readonly string[]): boolean =>
  words.some((w) => CHURN_WORDS.includes(w));

/** Whether a goal metric's words (see goalWords) measure customers leaving. */
export const namesChurn = (words: readonly string[]): boolean => words.some((w) => CHURN_METRIC_WORDS.has(w));
