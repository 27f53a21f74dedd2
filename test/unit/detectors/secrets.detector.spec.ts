import {
  ALPHANUMERIC,
  BASE64,
  BASE64URL,
  HEX,
  UPPER_ALPHANUMERIC,
  fakeJwt,
  fakePemPrivateKey,
  fakeUuid,
  seededRandom,
} from '../../../eval/fake-secrets';
import { detectSecrets } from '../../../src/guardrails/vendors/detectors/secrets.detector';

// Fake credentials are generated so the repository holds nothing a secret scanner would report.
const random = seededRandom(7);
const found = (text: string): Array<[string, string]> =>
  detectSecrets(text).map((span) => [span.type, text.slice(span.start, span.end)]);

describe(detectSecrets.name, () => {
  it.each([
    ['OPENAI_API_KEY', `sk-proj-${random.string(BASE64URL, 60)}T3BlbkFJ${random.string(BASE64URL, 20)}`],
    ['OPENAI_API_KEY', `sk-${random.string(ALPHANUMERIC, 48)}`],
    ['ANTHROPIC_API_KEY', `sk-ant-api03-${random.string(BASE64URL, 93)}AA`],
    ['AWS_ACCESS_KEY_ID', `AKIA${random.string(UPPER_ALPHANUMERIC, 16)}`],
    ['AWS_ACCESS_KEY_ID', `ASIA${random.string(UPPER_ALPHANUMERIC, 16)}`],
    ['GITHUB_TOKEN', `ghp_${random.string(ALPHANUMERIC, 36)}`],
    ['GITHUB_TOKEN', `gho_${random.string(ALPHANUMERIC, 36)}`],
    ['GITHUB_TOKEN', `ghs_${random.string(ALPHANUMERIC, 36)}`],
    ['GITHUB_TOKEN', `github_pat_11${random.string(UPPER_ALPHANUMERIC, 20)}_${random.string(ALPHANUMERIC, 59)}`],
    ['SLACK_TOKEN', `xoxb-${random.string('0123456789', 12)}-${random.string(ALPHANUMERIC, 24)}`],
    [
      'SLACK_TOKEN',
      `https://hooks.slack.com/services/T${random.string(UPPER_ALPHANUMERIC, 8)}/B${random.string(UPPER_ALPHANUMERIC, 10)}/${random.string(ALPHANUMERIC, 24)}`,
    ],
    ['STRIPE_KEY', `sk_live_${random.string(ALPHANUMERIC, 24)}`],
    ['STRIPE_KEY', `rk_live_${random.string(ALPHANUMERIC, 24)}`],
    ['STRIPE_KEY', `sk_test_${random.string(ALPHANUMERIC, 24)}`],
    ['GOOGLE_API_KEY', `AIza${random.string(BASE64URL, 35)}`],
    ['JWT', fakeJwt(random)],
    ['PRIVATE_KEY', fakePemPrivateKey(random)],
  ])('finds a %s and reports exactly its span', (type, secret) => {
    expect(found(`here: ${secret} (do not share)`)).toEqual([[type, secret]]);
  });

  it('finds an AWS secret access key only next to its name', () => {
    const secret = random.string(BASE64, 40);
    expect(found(`aws_secret_access_key = ${secret}`)).toEqual([['AWS_SECRET_ACCESS_KEY', secret]]);
    expect(found(`"SecretAccessKey": "${secret}"`)).toEqual([['AWS_SECRET_ACCESS_KEY', secret]]);
    expect(found(`checksum ${secret}`)).toEqual([]);
  });

  it('finds high-entropy bearer tokens but not placeholders', () => {
    const token = random.string(ALPHANUMERIC, 40);
    expect(found(`Authorization: Bearer ${token}`)).toEqual([['BEARER_TOKEN', token]]);
    expect(found(`headers = {"authorization": "bearer ${token}"}`)).toEqual([['BEARER_TOKEN', token]]);
    expect(found('Authorization: Bearer YOUR_ACCESS_TOKEN_HERE')).toEqual([]);
    expect(found('Authorization: Bearer <token>')).toEqual([]);
  });

  it('reports a JWT sent as a bearer token as a JWT', () => {
    const jwt = fakeJwt(random);
    expect(found(`Authorization: Bearer ${jwt}`)).toEqual([['JWT', jwt]]);
  });

  it('reports a truncated private key up to the end of its body', () => {
    const truncated = `-----BEGIN PRIVATE KEY-----\n${random.string(BASE64, 64)}\n${random.string(BASE64, 30)}`;
    expect(found(`${truncated}\n\nWhat is wrong with it?`)).toEqual([['PRIVATE_KEY', truncated]]);
  });

  it('does not flag UUIDs, git SHAs or hex digests', () => {
    expect(found(`id ${fakeUuid(random)} commit ${random.string(HEX, 40)} sha256 ${random.string(HEX, 64)}`)).toEqual(
      [],
    );
  });

  it('does not flag base64 images or lock-file integrity hashes', () => {
    expect(found(`<img src="data:image/png;base64,${random.string(BASE64, 4000)}">`)).toEqual([]);
    expect(found(`"integrity": "sha512-${random.string(BASE64, 86)}=="`)).toEqual([]);
  });

  it('does not flag JWT-shaped strings whose header is not a JWT header', () => {
    const notJwt = `${Buffer.from('{"user":"x"}').toString('base64url')}.${random.string(BASE64URL, 20)}.${random.string(BASE64URL, 20)}`;
    expect(found(`eyJ${random.string(BASE64URL, 30)}.${random.string(BASE64URL, 30)}.abc ${notJwt}`)).toEqual([]);
  });

  it('does not flag words that merely start like keys', () => {
    expect(found('the sk-learn-compatible-pipeline-wrapper and sk-II essence, GitHub tokens start with ghp_')).toEqual(
      [],
    );
  });
});
