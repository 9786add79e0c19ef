// Plain words for what the gateway reports: devices by browser and system, times in the reader's locale.

const browsers = [[/Edg\//, 'Edge'], [/Firefox\//, 'Firefox'], [/Chrome\//, 'Chrome'], [/Safari\//, 'Safari'], [/curl\//, 'curl']];
const systems = [[/Android/, 'Android'], [/iPhone|iPad/, 'iOS'], [/Windows/, 'Windows'], [/Mac OS X/, 'macOS'], [/Linux/, 'Linux']];

function first(table, text) {
  return table.find(([pattern]) => pattern.test(text))?.[1];
}

export function describeDevice(userAgent) {
  if (!userAgent) {
    return 'Unknown device';
  }

  const browser = first(browsers, userAgent);
  const system = first(systems, userAgent);
  if (browser && system) {
    return `${browser} on ${system}`;
  }

  return browser ?? system ?? userAgent.slice(0, 40);
}

export function formatTime(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "4:59" until the instant, then a word saying what happens next. */
export function formatRemaining(iso, now = Date.now()) {
  const seconds = Math.ceil((Date.parse(iso) - now) / 1000);
  if (seconds <= 0) {
    return 'expired (the next call refreshes it)';
  }

  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
