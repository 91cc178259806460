/**
 * Lets one log line through per `intervalMs` and counts the ones held back, for conditions
 * that repeat on every request or reconnect attempt (Redis down): the first occurrence is
 * logged at once, then at most one line per interval, saying how many were held back.
 */
export interface LogThrottle {
  /** Undefined when this occurrence is held back; otherwise how many were held back since the last line. */
  take(now?: number): { suppressed: number } | undefined;
}

export function createLogThrottle(intervalMs: number): LogThrottle {
  let lastLogged = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return {
    take(now = Date.now()) {
      if (now - lastLogged < intervalMs) {
        suppressed += 1;
        return undefined;
      }
      lastLogged = now;
      const held = suppressed;
      suppressed = 0;
      return { suppressed: held };
    },
  };
}
