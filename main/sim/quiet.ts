/**
 * The simulation's parts log nothing: the day's record is the output. One value fits both logging
 * shapes the hub and central accept (the older `(line) => void` callback and the `Log` interface
 * issue 10 moves them to), so the simulator does not depend on which one a module takes.
 */
import { silentLog, type Log } from '../core/log.js';

export const quiet: ((line: string) => void) & Log = Object.assign((_line: string) => undefined, silentLog);
