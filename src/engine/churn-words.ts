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

const CHURN_SET: ReadonlySet<string> = new Set(CHURN_WORDS);

/** Whether some words (a goal metric's: `ledgerly_churn`, `retention_rate`) are about customers leaving. */
export const namesChurn = (words: readonly string[]): boolean => words.some((w) => CHURN_SET.has(w));
