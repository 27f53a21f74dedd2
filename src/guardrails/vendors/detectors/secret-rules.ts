import type { NamedPattern } from './detected-span';
import { hasJwtHeader } from './jwt-header';
import { shannonEntropy } from './shannon-entropy';

export interface SecretRule {
  id: string;
  type: string;
  pattern: RegExp;
  /** Index of the capture group holding the secret when the pattern also matches context (`aws_secret_access_key=`). */
  group?: number;
  /** Extra check on the secret value; the pattern alone is not specific enough. */
  accept?: (value: string) => boolean;
  score: number;
}

const hasMixedCharacters = (value: string): boolean => /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value);

/** Random-looking: letters and digits, not a placeholder such as YOUR_TOKEN_HERE or xxxxxxxx. */
const looksRandom =
  (minimumEntropy: number) =>
  (value: string): boolean =>
    /\d/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= minimumEntropy;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Boundaries: a token must not continue a longer word on either side.
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

/** Ordered from most to least specific: on overlap the earlier rule wins (an `sk-ant-` key is not an OpenAI key). */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'secrets.private_key',
    type: 'PRIVATE_KEY',
    pattern: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----/g,
    score: 1,
  },
  {
    id: 'secrets.anthropic',
    type: 'ANTHROPIC_API_KEY',
    pattern: new RegExp(`${B}sk-ant-[A-Za-z0-9_-]{32,300}${E}`, 'g'),
    accept: hasMixedCharacters,
    score: 0.99,
  },
  {
    id: 'secrets.openai',
    type: 'OPENAI_API_KEY',
    pattern: new RegExp(`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,300}${E}`, 'g'),
    accept: (value) => !value.startsWith('sk-ant-') && hasMixedCharacters(value) && shannonEntropy(value) >= 3.5,
    score: 0.95,
  },
  {
    id: 'secrets.aws_access_key_id',
    type: 'AWS_ACCESS_KEY_ID',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    id: 'secrets.aws_secret_access_key',
    type: 'AWS_SECRET_ACCESS_KEY',
    pattern:
      /(?<![A-Za-z0-9])(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    accept: looksRandom(3.5),
    score: 0.9,
  },
  {
    id: 'secrets.github',
    type: 'GITHUB_TOKEN',
    pattern: new RegExp(`${B}(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{50,255})${E}`, 'g'),
    score: 0.99,
  },
  {
    id: 'secrets.slack_token',
    type: 'SLACK_TOKEN',
    pattern: new RegExp(`${B}xox[abpr]-[A-Za-z0-9-]{10,250}${E}`, 'g'),
    accept: (value) => /\d/.test(value),
    score: 0.95,
  },
  {
    id: 'secrets.slack_webhook',
    type: 'SLACK_TOKEN',
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_]{6,20}\/[A-Za-z0-9_]{6,20}\/[A-Za-z0-9_]{16,64}/g,
    score: 0.99,
  },
  {
    id: 'secrets.stripe',
    type: 'STRIPE_KEY',
    pattern: new RegExp(`${B}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,250}${E}`, 'g'),
    score: 0.97,
  },
  {
    id: 'secrets.google_api_key',
    type: 'GOOGLE_API_KEY',
    pattern: new RegExp(`${B}AIza[A-Za-z0-9_-]{35}${E}`, 'g'),
    score: 0.95,
  },
  {
    id: 'secrets.jwt',
    type: 'JWT',
    pattern: new RegExp(`${B}eyJ[A-Za-z0-9_-]{5,4000}\\.[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{0,4000}${E}`, 'g'),
    accept: hasJwtHeader,
    score: 0.95,
  },
  {
    id: 'secrets.bearer_token',
    type: 'BEARER_TOKEN',
    pattern: /(?<![A-Za-z0-9])bearer[ \t]+([A-Za-z0-9._~+/-]{16,4000}=*)(?![A-Za-z0-9._~+/=-])/gi,
    group: 1,
    accept: (value) => !UUID.test(value) && looksRandom(3)(value),
    score: 0.8,
  },
];

export const SECRET_PATTERNS: readonly NamedPattern[] = SECRET_RULES.map((rule) => ({
  name: rule.id,
  pattern: rule.pattern,
}));
