// A node:test reporter that emits {passed, failed} for the tests themselves (suites are not
// counted), so `npm test` can add every suite into one line. Used next to the spec reporter.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') {
      // A suite fails on its own only when its hooks fail: count that, its tests did not run.
      if (event.type === 'test:fail' && event.data.details.error?.failureType === 'hookFailed') failed++;
      continue;
    }
    if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield JSON.stringify({ passed, failed });
}
