// Sends every case of parity/cases.json through the official AWS SDK for JavaScript v3 to the capture server the
// xunit test runs (BACKUPKIT_CAPTURE_ENDPOINT). Before each case it posts a marker to <capture>/__case/<name> with
// plain fetch, outside the SDK, so the SDK's request itself (and its signed headers) is untouched; the server files
// the SDK request under the last marker. Timestamps in cases.json are written {"$date": "<ISO-8601>"}.
import { readFile } from 'node:fs/promises';
import * as sdk from '@aws-sdk/client-backup';

const capture = process.env.BACKUPKIT_CAPTURE_ENDPOINT;
if (!capture) {
  throw new Error('BACKUPKIT_CAPTURE_ENDPOINT is not set; run this script through the xunit parity tests.');
}

function revive(value) {
  if (Array.isArray(value)) {
    return value.map(revive);
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$date') {
      const date = new Date(value.$date);
      if (Number.isNaN(date.getTime())) {
        throw new Error(`invalid $date ${value.$date}`);
      }
      return date;
    }
    return Object.fromEntries(keys.map((k) => [k, revive(value[k])]));
  }
  return value;
}

const cases = JSON.parse(await readFile(new URL('./cases.json', import.meta.url), 'utf8'));
const client = new sdk.BackupClient({ endpoint: capture, region: process.env.AWS_REGION, maxAttempts: 1 });
let failures = 0;
for (const testCase of cases) {
  const marker = await fetch(new URL(`__case/${encodeURIComponent(testCase.name)}`, capture), { method: 'POST' });
  if (marker.status !== 200) {
    throw new Error(`capture server refused the marker for ${testCase.name}: ${marker.status}`);
  }
  const Command = sdk[`${testCase.operation}Command`];
  if (!Command) {
    console.log(`${testCase.name}: the JS SDK has no ${testCase.operation}Command`);
    failures++;
    continue;
  }
  try {
    await client.send(new Command(revive(testCase.input)));
  } catch (error) {
    // The capture server answers 200 {}; an error here is the SDK refusing the input or the answer.
    console.log(`${testCase.name}: ${error.name}: ${error.message}`);
    failures++;
  }
}
console.log(`sent ${cases.length} cases, ${failures} failed on the JS side`);
