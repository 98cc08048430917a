/**
 * Whose work a rejection's reason says this is not: the team's. Another team or person owns it
 * ("marketing owns acquisition", "that belongs to sales", "it's the CS team's job"), or it lies
 * outside what the team does ("not our job", "out of scope", "we don't do ads"). Such a reason is
 * about the kind of work, not the product it was proposed for: a review rejected an acquisition
 * experiment for one product as "marketing owns acquisition" and found the same playbook's task
 * on the next product at P8, without a word of it.
 */
const NOT_OURS = new RegExp(
  [
    String.raw`\b(?:owns?|owned by|belongs? to)\b`,
    String.raw`\bnot (?:our|my|the team'?s) (?:job|area|call|remit|responsibility|thing|business|work|department|domain)\b`,
    String.raw`\b(?:another|other|a different) team(?:'s)?\b`,
    String.raw`\b\w+(?:'s|s') (?:job|remit|responsibility|department|domain)\b`,
    String.raw`\bout of (?:our )?(?:scope|remit)\b`,
    String.raw`\bwe (?:don'?t|do not|never) (?:do|run|handle)\b`,
  ].join('|'),
);

/**
 * Whether `reason` says the work is not the team's (see NOT_OURS), and is not about the product it
 * was rejected on: one naming `projectName` ("Tallyo's ads belong to the agency") is that product's.
 */
export function notTheTeamsWork(reason: string | null, projectName: string | null): boolean {
  if (reason === null) return false;
  const text = reason.toLowerCase().replaceAll('’', "'");
  if (projectName !== null && projectName.trim() !== '' && text.includes(projectName.toLowerCase()))
    return false;
  return NOT_OURS.test(text);
}
