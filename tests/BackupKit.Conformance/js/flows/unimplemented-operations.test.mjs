// An operation the emulator does not implement must answer an explicit AWS-shaped error, never a silent success.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StartReportJobCommand } from '@aws-sdk/client-backup';
import { newClient, stripMetadata } from '../lib/harness.mjs';

test('StartReportJob answers an explicit error', async () => {
  const client = await newClient();
  let error;
  try {
    const output = await client.send(new StartReportJobCommand({ ReportPlanName: 'conformance_report_plan' }));
    assert.fail(`StartReportJob succeeded with ${JSON.stringify(stripMetadata(output))}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) {
      throw e;
    }
    error = e;
  }
  const status = error.$metadata?.httpStatusCode;
  assert.ok(status >= 400 && status < 600, `an HTTP error status, got ${status}`);
  assert.ok(typeof error.name === 'string' && error.name.length > 0 && error.name !== 'Error', `a named AWS error, got ${error.name}`);
  assert.ok(typeof error.message === 'string' && error.message.length > 0 && error.message !== 'UnknownError',
    `the error says what is wrong, got "${error.message}"`);
  assert.ok(error.$metadata?.requestId, 'the error carries a request id (x-amzn-requestid)');
});
