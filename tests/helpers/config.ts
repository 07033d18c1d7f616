/** Config-loading test helpers. */
import { ConfigError } from '../../main/config/load.js';

/** The ConfigError `run` throws; any other error, or none, fails the test. */
export function configFailure(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
