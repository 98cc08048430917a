/**
 * What a restricted key made as the README says may read (Stripe → API keys → restricted key, Read
 * on subscriptions, invoices, products, prices, customers, coupons and the account's basics), as
 * the fake Stripe names the permissions.
 */
export const STRIPE_READS: readonly string[] = [
  'rak_accounts_kyc_basic_read',
  'rak_subscription_read',
  'rak_plan_read',
  'rak_product_read',
  'rak_customer_read',
  'rak_invoice_read',
  'rak_coupon_read',
];
