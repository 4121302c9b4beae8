import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log warnings and errors only; state changes would drown the test output.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier test file in this process.
}
