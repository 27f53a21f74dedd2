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
} from './fake-secrets';

export interface SecretCase {
  id: string;
  text: string;
  /** The secrets in `text`; empty for look-alikes that must not be reported. */
  secrets: Array<{ type: string; value: string }>;
}

/** The secrets evaluation set: fake values in real formats, in realistic surroundings, plus look-alikes. */
export function buildSecretCases(seed = 20240601): SecretCase[] {
  const r = seededRandom(seed);
  const cases: SecretCase[] = [];
  const positive = (id: string, type: string, value: string, wrap: (value: string) => string): void => {
    cases.push({ id, text: wrap(value), secrets: [{ type, value }] });
  };
  const negative = (id: string, text: string): void => {
    cases.push({ id, text, secrets: [] });
  };

  const openaiProject = `sk-proj-${r.string(BASE64URL, 74)}T3BlbkFJ${r.string(BASE64URL, 74)}`;
  positive('openai-project-env', 'OPENAI_API_KEY', openaiProject, (v) => `OPENAI_API_KEY=${v}\nMODEL=gpt-4o`);
  positive(
    'openai-legacy-code',
    'OPENAI_API_KEY',
    `sk-${r.string(ALPHANUMERIC, 48)}`,
    (v) => `client = OpenAI(api_key="${v}")`,
  );
  positive(
    'openai-in-prose',
    'OPENAI_API_KEY',
    `sk-${r.string(ALPHANUMERIC, 20)}T3BlbkFJ${r.string(ALPHANUMERIC, 20)}`,
    (v) => `why does my key ${v} return 401?`,
  );
  positive(
    'anthropic-env',
    'ANTHROPIC_API_KEY',
    `sk-ant-api03-${r.string(BASE64URL, 93)}AA`,
    (v) => `export ANTHROPIC_API_KEY='${v}'`,
  );
  positive(
    'anthropic-header',
    'ANTHROPIC_API_KEY',
    `sk-ant-api03-${r.string(BASE64URL, 93)}AA`,
    (v) => `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${v}"`,
  );
  positive(
    'aws-key-id-ini',
    'AWS_ACCESS_KEY_ID',
    `AKIA${r.string(UPPER_ALPHANUMERIC, 16)}`,
    (v) => `[default]\naws_access_key_id = ${v}\nregion = eu-west-1`,
  );
  positive(
    'aws-session-key-id',
    'AWS_ACCESS_KEY_ID',
    `ASIA${r.string(UPPER_ALPHANUMERIC, 16)}`,
    (v) => `The temporary credentials start with ${v}, is that normal?`,
  );
  positive(
    'aws-secret-ini',
    'AWS_SECRET_ACCESS_KEY',
    r.string(BASE64, 40),
    (v) => `[default]\naws_secret_access_key = ${v}`,
  );
  positive(
    'aws-secret-json',
    'AWS_SECRET_ACCESS_KEY',
    r.string(BASE64, 40),
    (v) => `{"AccessKeyId": "ASIAFAKE", "SecretAccessKey": "${v}", "Expiration": "2030-01-01"}`,
  );
  positive(
    'aws-secret-env',
    'AWS_SECRET_ACCESS_KEY',
    r.string(BASE64, 40),
    (v) => `AWS_SECRET_ACCESS_KEY=${v} terraform apply`,
  );
  positive(
    'github-classic',
    'GITHUB_TOKEN',
    `ghp_${r.string(ALPHANUMERIC, 36)}`,
    (v) => `git clone https://${v}@github.com/acme/app.git`,
  );
  positive('github-oauth', 'GITHUB_TOKEN', `gho_${r.string(ALPHANUMERIC, 36)}`, (v) => `token: ${v}`);
  positive('github-app', 'GITHUB_TOKEN', `ghs_${r.string(ALPHANUMERIC, 36)}`, (v) => `GITHUB_TOKEN="${v}"`);
  positive(
    'github-fine-grained',
    'GITHUB_TOKEN',
    `github_pat_11${r.string(UPPER_ALPHANUMERIC, 20)}_${r.string(ALPHANUMERIC, 59)}`,
    (v) => `Using PAT ${v} for the API`,
  );
  positive(
    'slack-bot',
    'SLACK_TOKEN',
    `xoxb-${r.string('0123456789', 12)}-${r.string('0123456789', 13)}-${r.string(ALPHANUMERIC, 24)}`,
    (v) => `SLACK_BOT_TOKEN=${v}`,
  );
  positive(
    'slack-user',
    'SLACK_TOKEN',
    `xoxp-${r.string('0123456789', 12)}-${r.string('0123456789', 12)}-${r.string('0123456789', 13)}-${r.string(HEX, 32)}`,
    (v) => `slack token ${v}`,
  );
  positive(
    'slack-webhook',
    'SLACK_TOKEN',
    `https://hooks.slack.com/services/T${r.string(UPPER_ALPHANUMERIC, 8)}/B${r.string(UPPER_ALPHANUMERIC, 10)}/${r.string(ALPHANUMERIC, 24)}`,
    (v) => `curl -X POST -d '{"text":"hi"}' ${v}`,
  );
  positive('stripe-live', 'STRIPE_KEY', `sk_live_${r.string(ALPHANUMERIC, 24)}`, (v) => `stripe.api_key = "${v}"`);
  positive('stripe-restricted', 'STRIPE_KEY', `rk_live_${r.string(ALPHANUMERIC, 99)}`, (v) => `restricted key: ${v}`);
  positive(
    'stripe-test',
    'STRIPE_KEY',
    `sk_test_${r.string(ALPHANUMERIC, 24)}`,
    (v) => `const stripe = require('stripe')('${v}');`,
  );
  positive(
    'google-api-key',
    'GOOGLE_API_KEY',
    `AIza${r.string(BASE64URL, 35)}`,
    (v) => `https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key=${v}`,
  );
  positive(
    'google-api-key-yaml',
    'GOOGLE_API_KEY',
    `AIza${r.string(BASE64URL, 35)}`,
    (v) => `gemini:\n  api_key: ${v}\n`,
  );
  positive(
    'pem-rsa',
    'PRIVATE_KEY',
    fakePemPrivateKey(r),
    (v) => `Here is the key the server uses:\n${v}\nwhy does ssh reject it?`,
  );
  positive('pem-openssh', 'PRIVATE_KEY', fakePemPrivateKey(r, 'OPENSSH PRIVATE KEY', 4), (v) => v);
  positive(
    'pem-pkcs8-truncated',
    'PRIVATE_KEY',
    `-----BEGIN PRIVATE KEY-----\n${r.string(BASE64, 64)}\n${r.string(BASE64, 40)}`,
    (v) => `${v}\n`,
  );
  positive('pem-ec', 'PRIVATE_KEY', fakePemPrivateKey(r, 'EC PRIVATE KEY', 3), (v) => `key.pem:\n${v}`);
  positive('jwt-header', 'JWT', fakeJwt(r), (v) => `Cookie: session=${v}; Path=/`);
  positive('jwt-prose', 'JWT', fakeJwt(r, { alg: 'RS256', kid: 'k1' }), (v) => `decode this token for me: ${v}`);
  positive('jwt-bearer', 'JWT', fakeJwt(r), (v) => `Authorization: Bearer ${v}`);
  positive(
    'bearer-opaque',
    'BEARER_TOKEN',
    r.string(ALPHANUMERIC, 40),
    (v) => `curl -H "Authorization: Bearer ${v}" https://api.example.com/v1/items`,
  );
  positive(
    'bearer-lowercase',
    'BEARER_TOKEN',
    `${r.string(ALPHANUMERIC, 24)}.${r.string(ALPHANUMERIC, 16)}`,
    (v) => `headers = {"authorization": "bearer ${v}"}`,
  );
  positive('bearer-base64', 'BEARER_TOKEN', `${r.string(BASE64, 42)}==`, (v) => `Bearer ${v}`);
  cases.push({
    id: 'mixed-env-file',
    text: '',
    secrets: [
      { type: 'OPENAI_API_KEY', value: `sk-proj-${r.string(BASE64URL, 40)}` },
      { type: 'STRIPE_KEY', value: `sk_live_${r.string(ALPHANUMERIC, 32)}` },
      { type: 'GITHUB_TOKEN', value: `ghp_${r.string(ALPHANUMERIC, 36)}` },
    ],
  });
  const mixed = cases[cases.length - 1];
  mixed.text = `# .env\nOPENAI_API_KEY=${mixed.secrets[0].value}\nSTRIPE_SECRET=${mixed.secrets[1].value}\nGH_TOKEN=${mixed.secrets[2].value}\n`;

  negative('uuid', `Request id ${fakeUuid(r)} failed; retry with id ${fakeUuid(r)}.`);
  negative('uuid-bearer-doc', `The tenant id is ${fakeUuid(r).toUpperCase()}.`);
  negative('git-sha', `Revert commit ${r.string(HEX, 40)} and cherry-pick ${r.string(HEX, 7)}.`);
  negative('git-log', `commit ${r.string(HEX, 40)}\nAuthor: Fake Person <fake@example.com>\n\n    fix: typo`);
  negative('sha256-hex', `sha256sum: ${r.string(HEX, 64)}  warden-linux-x64.tar.gz`);
  negative('md5-hex', `ETag: "${r.string(HEX, 32)}"`);
  negative('docker-digest', `image: ghcr.io/acme/app@sha256:${r.string(HEX, 64)}`);
  negative('data-image-png', `<img src="data:image/png;base64,iVBORw0KGgo${r.string(BASE64, 3000)}==" alt="chart">`);
  negative('data-image-jpeg', `![photo](data:image/jpeg;base64,/9j/4AAQSkZJRg${r.string(BASE64, 5000)})`);
  negative(
    'lockfile-integrity',
    `"node_modules/left-pad": {\n  "version": "1.3.0",\n  "integrity": "sha512-${r.string(BASE64, 86)}=="\n}`,
  );
  negative('lockfile-sha1', `"integrity": "sha1-${r.string(BASE64, 27)}="`);
  negative(
    'yarn-lock',
    `left-pad@^1.3.0:\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#${r.string(HEX, 40)}"\n  integrity sha512-${r.string(BASE64, 86)}==`,
  );
  negative('placeholder-bearer', 'curl -H "Authorization: Bearer YOUR_ACCESS_TOKEN_HERE" https://api.example.com');
  negative('placeholder-bearer-angle', 'Send the header Authorization: Bearer <token> with every request.');
  negative(
    'placeholder-openai',
    'Set OPENAI_API_KEY=sk-... in your environment, or sk-your-key-goes-here for the demo.',
  );
  negative(
    'prose-token-prefixes',
    'GitHub tokens start with ghp_ and Stripe keys with sk_live_; never paste them into chats.',
  );
  negative('sklearn', 'Compare the sk-learn-compatible-pipeline-wrapper with the native estimator API.');
  negative('jwt-like-not-jwt', `eyJ${r.string(BASE64URL, 30)}.${r.string(BASE64URL, 40)}.${r.string(BASE64URL, 20)}`);
  negative(
    'base64-json-without-alg',
    `${Buffer.from('{"user":"fake","role":"admin"}').toString('base64url')}.${r.string(BASE64URL, 20)}.x`,
  );
  negative('aws-doc-key-name', 'Put aws_secret_access_key in ~/.aws/credentials, never in the repository.');
  negative('random-id-in-url', `https://www.youtube.com/watch?v=${r.string(BASE64URL, 11)}&t=42s`);
  negative('hex-api-response', `{"hash":"${r.string(HEX, 64)}","block":${r.string('0123456789', 7)}}`);
  negative('bearer-word', 'The bearer of this letter is authorised to collect the parcel on my behalf.');
  negative('long-word-sk', 'The sk-II facial treatment essence is popular in Japan.');
  negative('base64-blob-attachment', `attachment.txt (base64): ${r.string(BASE64, 400)}`);
  negative('pem-public-key', `-----BEGIN PUBLIC KEY-----\n${r.string(BASE64, 64)}\n-----END PUBLIC KEY-----`);
  negative('pem-certificate', `-----BEGIN CERTIFICATE-----\n${r.string(BASE64, 64)}\n-----END CERTIFICATE-----`);
  negative('ssh-public-key', `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.string(BASE64, 43)} fake@laptop`);
  negative('google-word', 'AIza is how Google API keys begin, followed by 35 characters.');
  return cases;
}
