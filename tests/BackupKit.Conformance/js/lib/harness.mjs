// Shared helpers for the conformance flows: a client of the official AWS SDK for JavaScript v3 pointed at the
// emulator the xunit fixture started, unique names, and assertions on AWS-shaped errors.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BackupClient } from '@aws-sdk/client-backup';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set. Run the flows through the xunit project (dotnet test tests/BackupKit.Conformance), which starts the emulator and sets it.`);
  }
  return value;
}

export const endpoint = requiredEnv('BACKUPKIT_ENDPOINT');
export const region = requiredEnv('AWS_REGION');
export const accountId = requiredEnv('BACKUPKIT_ACCOUNT_ID');
const clockEndpoint = process.env.BACKUPKIT_CLOCK_ENDPOINT;

/** The IAM role the console creates for AWS Backup; selections and jobs pass it. */
export const backupRoleArn = `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;

/** A name unique across flows and runs, valid for vaults, plans, rules and selections (letters, digits, '-'). */
export function uniqueName(prefix) {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/**
 * The emulator's clock in epoch milliseconds, read from its admin path (`GET /_backupkit/clock`), so that it includes
 * both the fixture's controllable clock and any move a flow made through the admin path.
 */
export async function emulatorNow() {
  const response = await fetch(new URL('_backupkit/clock', endpoint));
  assert.equal(response.status, 200, 'the emulator clock answered ' + response.status);
  return (await response.json()).epochMillis;
}

/** Moves the emulator's clock forward; returns its new time in epoch milliseconds. */
export async function advanceClock(milliseconds) {
  if (!clockEndpoint) {
    throw new Error('BACKUPKIT_CLOCK_ENDPOINT is not set: this flow needs the fixture\'s controllable clock.');
  }
  const response = await fetch(new URL(`advance?ms=${milliseconds}`, clockEndpoint), { method: 'POST' });
  assert.equal(response.status, 200, 'clock endpoint answered ' + response.status);
  return Number(await response.text());
}

/**
 * A client of the official SDK. Retries are off so every assertion sees exactly what the emulator answered.
 * The signing clock follows the emulator's clock, so SigV4 dates stay valid after a flow moved it forward.
 */
export async function newClient() {
  const offset = (await emulatorNow()) - Date.now();
  return new BackupClient({ endpoint, region, maxAttempts: 1, systemClockOffset: offset });
}

/** Awaits a call that must fail with the given AWS error name and HTTP status; returns the error. */
export async function expectError(promise, name, httpStatusCode = 400) {
  let error;
  try {
    const result = await promise;
    assert.fail(`expected ${name} (HTTP ${httpStatusCode}) but the call succeeded with ${JSON.stringify(stripMetadata(result))}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) {
      throw e;
    }
    error = e;
  }
  assert.equal(error.name, name, `expected error ${name} but got ${error.name}: ${error.message}`);
  assert.equal(error.$metadata?.httpStatusCode, httpStatusCode, `${name} must come with HTTP ${httpStatusCode}`);
  assert.ok(typeof error.message === 'string' && error.message.length > 0, `${name} must carry a message`);
  assert.ok(error.$metadata?.requestId, `${name} must carry a request id (x-amzn-requestid)`);
  return error;
}

/**
 * Awaits a call that must be refused for breaking a documented quota. AWS does not document which of the two modeled
 * errors a quota breach raises, so either is accepted; success or any other error fails.
 */
export async function expectLimitRefusal(promise, what) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${what} must be refused`);
  assert.ok(['LimitExceededException', 'InvalidParameterValueException'].includes(error.name),
    `${what} must be refused with LimitExceededException or InvalidParameterValueException, got ${error.name}: ${error.message}`);
  assert.equal(error.$metadata?.httpStatusCode, 400);
}

/** The output without the SDK's response metadata, for readable failure messages. */
export function stripMetadata(output) {
  if (output && typeof output === 'object') {
    const { $metadata, ...rest } = output;
    return rest;
  }
  return output;
}

/** Asserts a Date within `toleranceMs` of the emulator's clock. */
export async function assertRecent(value, label, toleranceMs = 5 * 60_000) {
  assert.ok(value instanceof Date && !Number.isNaN(value.getTime()), `${label} must be a timestamp, got ${value}`);
  const now = await emulatorNow();
  assert.ok(Math.abs(value.getTime() - now) <= toleranceMs, `${label} ${value.toISOString()} is not close to the emulator's now ${new Date(now).toISOString()}`);
}

export const arn = {
  plan: (id) => `arn:aws:backup:${region}:${accountId}:backup-plan:${id}`,
  vault: (name) => `arn:aws:backup:${region}:${accountId}:backup-vault:${name}`,
  /** A KMS key ARN (AWS Backup needs the key ARN, not an alias). */
  kmsKey: (id) => `arn:aws:kms:${region}:${accountId}:key/${id}`,
  snsTopic: (name) => `arn:aws:sns:${region}:${accountId}:${name}`,
  dynamoTable: (name) => `arn:aws:dynamodb:${region}:${accountId}:table/${name}`,
  efs: (id) => `arn:aws:elasticfilesystem:${region}:${accountId}:file-system/${id}`,
};

/** Collects every page of a paginated list operation with a given page size and checks the tokens behave. */
export async function collectPages(fetchPage, pageSize, listKey) {
  const items = [];
  let nextToken;
  let pages = 0;
  do {
    const page = await fetchPage({ MaxResults: pageSize, NextToken: nextToken });
    const list = page[listKey] ?? [];
    assert.ok(list.length <= pageSize, `${listKey} page holds ${list.length} items, more than MaxResults=${pageSize}`);
    items.push(...list);
    nextToken = page.NextToken;
    pages++;
    assert.ok(pages < 1000, 'pagination does not terminate');
  } while (nextToken);
  return { items, pages };
}
