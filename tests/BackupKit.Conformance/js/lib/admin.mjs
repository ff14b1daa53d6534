// The emulator's admin path (/_backupkit/, plain JSON, no signing; see src/BackupKit.Local/README.md): resources of the
// inventory, recovery point content, restore faults, and moving the emulator clock. Not part of AWS.
import assert from 'node:assert/strict';
import { endpoint } from './harness.mjs';

async function call(method, path, body, expectedStatus = 200) {
  const response = await fetch(new URL(`_backupkit/${path}`, endpoint), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.equal(response.status, expectedStatus, `${method} /_backupkit/${path} answered ${response.status}: ${text}`);
  return text.length === 0 ? undefined : JSON.parse(text);
}

/** Adds (or replaces) a resource: { arn, tags?, sizeInBytes?, content?: { itemCount, checksum }, accountId?, region? }. */
export const addResource = (resource) => call('PUT', 'resources', resource);
export const getResource = (arn) => call('GET', `resources/${encodeURIComponent(arn)}`);
export const findResource = async (arn) => {
  const response = await fetch(new URL(`_backupkit/resources/${encodeURIComponent(arn)}`, endpoint));
  return response.status === 404 ? undefined : response.json();
};
export const tagResource = (arn, tags) => call('PUT', `resources/${encodeURIComponent(arn)}/tags`, { tags });
export const untagResource = (arn, keys) =>
  call('DELETE', `resources/${encodeURIComponent(arn)}/tags?${keys.map((k) => `tagKeys=${encodeURIComponent(k)}`).join('&')}`);
export const changeContent = (arn, content) => call('PUT', `resources/${encodeURIComponent(arn)}/content`, content);
export const removeResource = (arn) => call('DELETE', `resources/${encodeURIComponent(arn)}`, undefined, 204);
export const recoveryPointContent = (arn) => call('GET', `recovery-points/${encodeURIComponent(arn)}/content`);
export const injectRestoreFault = (fault) => call('POST', 'faults/restore', fault, 204);

/** Moves the emulator clock forward through the admin path; returns its new time in epoch milliseconds. */
export async function advanceEmulatorClock(milliseconds) {
  const clock = await call('POST', 'clock/advance', { seconds: milliseconds / 1000 });
  return clock.epochMillis;
}
