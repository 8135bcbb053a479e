// Jest's default output, then one plain closing line ("jest: N passed, N failed, N skipped") that CI
// reads. Jest always appends its own summary after custom reporters, so this reporter wraps the
// default and summary reporters itself to be sure its line is the last one printed.
const { DefaultReporter, SummaryReporter } = require('@jest/reporters');

class ClosingLineReporter {
  constructor(globalConfig, options, context) {
    this.inner = [new DefaultReporter(globalConfig), new SummaryReporter(globalConfig, options ?? {})];
    void context;
  }

  onRunStart(...args) {
    for (const r of this.inner) r.onRunStart?.(...args);
  }
  onTestStart(...args) {
    for (const r of this.inner) r.onTestStart?.(...args);
  }
  onTestCaseStart(...args) {
    for (const r of this.inner) r.onTestCaseStart?.(...args);
  }
  onTestCaseResult(...args) {
    for (const r of this.inner) r.onTestCaseResult?.(...args);
  }
  onTestResult(...args) {
    for (const r of this.inner) r.onTestResult?.(...args);
  }
  async onRunComplete(contexts, results) {
    for (const r of this.inner) await r.onRunComplete?.(contexts, results);
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + (failedSuites > 0 && results.numFailedTests === 0 ? failedSuites : 0);
    process.stderr.write(`\njest: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`);
  }
  getLastError() {
    for (const r of this.inner) {
      const e = r.getLastError?.();
      if (e) return e;
    }
    return undefined;
  }
}
module.exports = ClosingLineReporter;
